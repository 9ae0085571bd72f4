#include "register_apology.hpp"

#include "../repo/apologies_repo.hpp"
#include "../repo/attendance_repo.hpp"

namespace samverkan::attendance::app {

std::optional<ApologyDecision> register_apology(writepath::UnitOfWork& uow,
                                                const ApologyCommand& command, Apologist who) {
  auto& tx = uow.tx();
  const auto loaded = repo::load_for_mark(tx, who.federation, command.session, command.participant);
  if (!loaded) return std::nullopt;
  if (who.kind == Apologist::Kind::Participant)
    who.linked = repo::participant_of_subject(tx, who.federation, who.subject);
  const auto current = repo::find_apology(tx, who.federation, command.session, command.participant);
  auto decision = decide_apology(current, command, who, loaded->context);
  const auto* registered = std::get_if<ApologyRegistered>(&decision);
  if (registered == nullptr) return decision;
  if (!repo::insert_apology(tx, registered->apology)) {
    // Another request registered one meanwhile (its insert committed first): that one stands.
    auto stored = repo::find_apology(tx, who.federation, command.session, command.participant);
    if (!stored) throw std::logic_error("an apology neither inserted nor found");
    return ApologyUnchanged{std::move(*stored)};
  }
  uow.audit({"apology.registered", "apology", registered->apology.id, std::nullopt, 1,
             writepath::Reason::none()});
  return decision;
}

}  // namespace samverkan::attendance::app
