#include <samverkan/events/event.hpp>
#include <samverkan/events/outbox.hpp>

#include <boost/json/serialize.hpp>

namespace samverkan::events {

Outbox::Outbox(const SchemaRegistry& registry, std::string source)
    : registry_(registry), source_(std::move(source)) {}

std::string Outbox::append(pqxx::work& tx, const std::string& type, std::string_view aggregate_type,
                           const std::string& aggregate_id, boost::json::object data,
                           std::string_view traceparent) const {
  try {
    registry_.validate(type, data);
  } catch (const std::exception& e) {
    // The service built an event its own schema forbids: a programming error, not bad input.
    throw std::logic_error("event " + type + " violates its schema: " + e.what());
  }
  Event event{new_event_id(), type, source_, aggregate_id, now_rfc3339(), std::string(traceparent),
              std::move(data)};
  boost::json::object headers;
  for (const auto& [name, value] : cloudevent_headers(event)) headers[name] = value;
  tx.exec_params(
      "INSERT INTO outbox (id, aggregatetype, aggregateid, type, topic, payload, headers) "
      "VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)",
      event.id, std::string(aggregate_type), aggregate_id, type, registry_.topic_for(type),
      boost::json::serialize(event.data), boost::json::serialize(headers));
  return event.id;
}

}  // namespace samverkan::events
