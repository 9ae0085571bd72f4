#pragma once
// The PUT's transaction without HTTP: load, decide, write, append the event. The handler and the
// integration tests call this inside one pool transaction.
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/events/outbox.hpp>
#include <string_view>

#include "../domain/attendance.hpp"

namespace samverkan::attendance::app {

// nullopt: no such session in the actor's federation (404). Otherwise the decision, already
// written with its outbox row when it is Recorded.
//
// Round trips: one to load and lock, one to write the record with its revision row, one for the
// outbox row. Two first marks of one pair at once: both load nothing to lock; the second's insert
// waits for the first's transaction and then writes nothing, so it loads again, now locking the
// first's record, and decides again (Unchanged or a correction). A committed row never goes away,
// so this repeats at most once.
std::optional<Decision> mark_attendance(pqxx::work& tx, const events::Outbox& outbox,
                                        const MarkCommand& command, const Actor& actor,
                                        std::string_view traceparent);

}  // namespace samverkan::attendance::app
