#include <samverkan/events/event.hpp>
#include <samverkan/events/outbox.hpp>

#include <boost/json/serialize.hpp>
#include <samverkan/db/nullable.hpp>

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

void Outbox::append_all(pqxx::work& tx, const std::vector<PendingEvent>& events,
                        std::string_view traceparent) const {
  constexpr std::size_t kColumns = 7;
  constexpr std::size_t kRowsPerStatement = 60000 / kColumns;  // under PostgreSQL's 65535 params
  std::vector<std::optional<std::string>> values;
  values.reserve(events.size() * kColumns);
  for (const auto& pending : events) {
    try {
      registry_.validate(pending.type, pending.data);
    } catch (const std::exception& e) {
      throw std::logic_error("event " + pending.type + " violates its schema: " + e.what());
    }
    Event event{new_event_id(),       pending.type,  source_,
                pending.aggregate_id, now_rfc3339(), std::string(traceparent),
                pending.data};
    boost::json::object headers;
    for (const auto& [name, value] : cloudevent_headers(event)) headers[name] = value;
    for (auto& v : {event.id, pending.aggregate_type, pending.aggregate_id, pending.type,
                    registry_.topic_for(pending.type), boost::json::serialize(event.data),
                    boost::json::serialize(headers)}) {
      values.emplace_back(std::move(v));
    }
  }
  for (std::size_t start = 0; start < events.size(); start += kRowsPerStatement) {
    const std::size_t end = std::min(events.size(), start + kRowsPerStatement);
    std::string sql =
        "INSERT INTO outbox (id, aggregatetype, aggregateid, type, topic, payload, headers) "
        "VALUES ";
    std::vector<const char*> params;
    for (std::size_t row = start; row < end; ++row) {
      const auto n = params.size();
      sql += (row == start ? "($" : ", ($") + std::to_string(n + 1) + ", $" +
             std::to_string(n + 2) + ", $" + std::to_string(n + 3) + ", $" + std::to_string(n + 4) +
             ", $" + std::to_string(n + 5) + ", $" + std::to_string(n + 6) + "::jsonb, $" +
             std::to_string(n + 7) + "::jsonb)";
      for (std::size_t c = 0; c < kColumns; ++c) {
        params.push_back(db::nullable(values[row * kColumns + c]));
      }
    }
    tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  }
}

}  // namespace samverkan::events
