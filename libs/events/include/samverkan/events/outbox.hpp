#pragma once
// The transactional outbox: an event is written to the service's outbox table in the same
// transaction as the state change it describes, so either both happen or neither does.
// OutboxRelay later publishes the rows to Kafka.
#include <boost/json/object.hpp>
#include <pqxx/pqxx>
#include <samverkan/events/schema_registry.hpp>
#include <samverkan/events/typed_event.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::events {

// An event ready for the outbox, for appending many at once.
struct PendingEvent {
  std::string type;
  std::string aggregate_type;
  std::string aggregate_id;
  boost::json::object data;

  template <TypedEvent E>
  static PendingEvent of(const E& event) {
    return {std::string(E::kType), std::string(E::kAggregateType), event.aggregate_id(),
            event.data()};
  }
};

class Outbox {
 public:
  // source: the CloudEvents source of this service, e.g. "/samverkan/modules".
  Outbox(const SchemaRegistry& registry, std::string source);

  // Validates data against the type's schema (a violation is a bug: std::logic_error), then
  // inserts the row in tx. Returns the event id.
  std::string append(pqxx::work& tx, const std::string& type, std::string_view aggregate_type,
                     const std::string& aggregate_id, boost::json::object data,
                     std::string_view traceparent = {}) const;

  template <TypedEvent E>
  std::string append(pqxx::work& tx, const E& event, std::string_view traceparent = {}) const {
    return append(tx, std::string(E::kType), E::kAggregateType, event.aggregate_id(), event.data(),
                  traceparent);
  }

  // As append, for many events in few statements (a bulk import: one round trip per row would
  // dominate). Rows keep the given order (their seq ascends with it). Every event is validated
  // before any row is written.
  void append_all(pqxx::work& tx, const std::vector<PendingEvent>& events,
                  std::string_view traceparent = {}) const;

 private:
  const SchemaRegistry& registry_;
  std::string source_;
};

}  // namespace samverkan::events
