#include "mark_attendance.hpp"

#include <stdexcept>

#include "../repo/attendance_repo.hpp"

namespace samverkan::attendance::app {

std::optional<Decision> mark_attendance(pqxx::work& tx, const events::Outbox& outbox,
                                        const MarkCommand& command, const Actor& actor,
                                        std::string_view traceparent) {
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
    outbox.append(tx, recorded->event, traceparent);
    return decision;
  }
  throw std::logic_error("a first mark found the pair's record neither absent nor present");
}

}  // namespace samverkan::attendance::app
