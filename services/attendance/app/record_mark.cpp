#include "record_mark.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "../repo/attendance_repo.hpp"
#include "statements.hpp"

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
bool holds(const writepath::Actor& who, std::string_view role) {
  return std::find(who.roles.begin(), who.roles.end(), role) != who.roles.end();
}
}  // namespace

Actor actor_of(const writepath::Actor& who) {
  return Actor{ids::FederationId(who.federation), who.subject,
               holds(who, "trainer") && !holds(who, "federation_admin")};
}

std::optional<Decision> record_mark(writepath::UnitOfWork& uow, const MarkCommand& command) {
  auto& tx = uow.tx();
  const Actor actor = actor_of(uow.actor());
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
    // A confirmed statement of the month no longer holds.
    supersede_month_of(uow, recorded->record);
    return decision;
  }
  throw std::logic_error("a first mark found the pair's record neither absent nor present");
}

}  // namespace samverkan::attendance::app
