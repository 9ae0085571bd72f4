#pragma once
// One mark inside the write path's unit of work, without HTTP: load, decide, write the revision,
// emit the event, audit the change. Every source of marks goes through it: the PUT, the meeting
// report import, check-in and auto-marking (the mark says which, and why).
#include <optional>
#include <samverkan/writepath/unit_of_work.hpp>
#include <string>

#include "../domain/attendance.hpp"

namespace samverkan::attendance::app {

// The domain's actor of a request: a trainer without the administrator's role is confined to the
// sessions it is assigned to (may_record in domain/expected.hpp).
Actor actor_of(const writepath::Actor& who);

// nullopt: no such session in the actor's federation (404). Otherwise the decision, already
// written with its revision row, outbox row and audit entry when it is Recorded:
// "attendance.recorded" for a first mark (version none -> 1), "attendance.corrected" for a
// correction (n -> n + 1) with its reason. Unchanged and Refused write nothing.
//
// Round trips: one to load and lock, one to write the record with its revision row, one for the
// outbox row (the write path adds the audit chain's at the end). Two first marks of one pair at
// once: both load nothing to lock; the second's insert waits for the first's transaction and then
// writes nothing, so it loads again, now locking the first's record, and decides again (Unchanged
// or a correction). A committed row never goes away, so this repeats at most once.
std::optional<Decision> record_mark(writepath::UnitOfWork& uow, const MarkCommand& command);

}  // namespace samverkan::attendance::app
