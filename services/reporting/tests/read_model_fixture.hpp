#pragma once
// A scratch reporting schema in the test database (migrated like the service's own), events
// built like the producers build them and checked against their schemas, and the consumer's
// handlers to feed them through.
#include <boost/json/object.hpp>
#include <memory>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/events/outbox.hpp>
#include <samverkan/events/schema_registry.hpp>
#include <string>
#include <vector>

#include "../consumers/read_model.hpp"

namespace samverkan::reporting::test {

// A deterministic UUID: kind says what it names (see the constants), n which one.
std::string uuid(int kind, int n);
enum Kind {
  kOrganisation = 1,
  kParticipant,
  kCohort,
  kModule,
  kSession,
  kEnrolment,
  kRecord,
  kProgramme,
  kEventId
};

class ReadModel {
 public:
  ReadModel();  // creates and migrates the schema
  ~ReadModel();
  ReadModel(const ReadModel&) = delete;
  ReadModel& operator=(const ReadModel&) = delete;

  db::Pool& pool() { return *pool_; }
  // An event of the given type, its data validated as a producer validates it.
  events::Event event(const std::string& type, boost::json::object data);
  // Runs each event's handler (the consumer's own) in one transaction.
  void apply(const std::vector<events::Event>& batch);
  // Empties every read-model and totals table.
  void clear();
  // Every non-zero total as one text line, sorted.
  std::vector<std::string> totals();

 private:
  std::string schema_;
  events::SchemaRegistry registry_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<events::Outbox> outbox_;  // completion changes land in the schema's outbox
  std::vector<std::pair<std::string, events::EventHandler>> handlers_;
  int next_event_ = 0;
};

}  // namespace samverkan::reporting::test
