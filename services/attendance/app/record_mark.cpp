#include "record_mark.hpp"

#include <stdexcept>

#include "../repo/attendance_repo.hpp"

namespace samverkan::attendance::app {

namespace {
writepath::AuditEntry audit_of(const Recorded& recorded) {
  const auto& r = recorded.record;
  if (recorded.created) {
    return {"attendance.recorded", "attendance", r.id.str(),
            std::nullopt,          r.version(),  writepath::Reason::none()};
  }
  // decide() refuses a correction without a reason.
  return {"attendance.corrected",
          "attendance",
          r.id.str(),
          r.version() - 1,
          r.version(),
          r.reason ? writepath::Reason::given(*r.reason) : writepath::Reason::none()};
}
}  // namespace

std::optional<Decision> record_mark(writepath::UnitOfWork& uow, const MarkCommand& command) {
  auto& tx = uow.tx();
  const Actor actor{ids::FederationId(uow.actor().federation), uow.actor().subject};
  for (int attempt = 1; attempt <= 2; ++attempt) {
    auto loaded = repo::load_for_mark(tx, actor.federation, command.session, command.participant);
    if (!loaded) return std::nullopt;
    auto decision = decide(loaded->current, command, actor, loaded->context);
    auto* recorded = std::get_if<Recorded>(&decision);
    if (recorded == nullptr) return decision;
    if (recorded->created) {
      if (!repo::insert_first(tx, recorded->record))
        continue;  // another first mark won: load again
    } else {
      repo::update_revision(tx, recorded->record);
    }
    uow.emit(recorded->event);
    uow.audit(audit_of(*recorded));
    return decision;
  }
  throw std::logic_error("a first mark found the pair's record neither absent nor present");
}

}  // namespace samverkan::attendance::app
