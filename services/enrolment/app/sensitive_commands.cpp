#include "sensitive_commands.hpp"

#include <samverkan/writepath/row_guards.hpp>

#include "../domain/sensitive_counts_event.hpp"
#include "../repo/repo.hpp"

namespace samverkan::enrolment::app {

Result<SensitiveFactsRecord> record_sensitive_facts(writepath::UnitOfWork& uow,
                                                    const ParticipantId& id,
                                                    const SensitiveFacts& facts,
                                                    const Actor& actor, Timestamp now) {
  if (!writepath::lock_row(uow.tx(), "participants", actor.federation.str(), id.str())) {
    return not_found("participant");
  }
  const auto participant = repo::find_participant(uow.tx(), actor.federation, id);
  const auto current = repo::find_sensitive_facts(uow.tx(), actor.federation, id);
  auto decision = decide_record_sensitive_facts(
      participant, repo::sensitive_categories_collected(uow.tx(), actor.federation, id), current,
      facts, actor);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  if (!d.changed) return d.next;
  repo::store_sensitive_facts(uow.tx(), d.next);
  uow.audit({"sensitive_facts.recorded", "sensitive_facts", id.str(),
             current ? std::optional<std::int64_t>(current->version) : std::nullopt,
             d.next.version, writepath::Reason::none()});
  for (const auto& cohort : repo::approved_cohorts(uow.tx(), actor.federation, id)) {
    refresh_sensitive_counts(uow, actor.federation, cohort, now);
  }
  return d.next;
}

Result<SensitiveFactsView> sensitive_facts_of(pqxx::work& tx, const ParticipantId& id,
                                              const Actor& actor) {
  const auto participant = repo::find_participant(tx, actor.federation, id);
  if (!participant || !may_see_sensitive_facts(actor, *participant)) {
    return not_found("participant");
  }
  return SensitiveFactsView{repo::find_sensitive_facts(tx, actor.federation, id)
                                .value_or(SensitiveFactsRecord{id, actor.federation, 0, {}}),
                            repo::sensitive_categories_collected(tx, actor.federation, id)};
}

void refresh_sensitive_counts(writepath::UnitOfWork& uow, const FederationId& fed,
                              const CohortId& cohort, Timestamp now) {
  const auto current = repo::lock_sensitive_counts(uow.tx(), fed, cohort);
  if (!current) return;
  const auto next = next_sensitive_counts(
      *current, count_sensitive(repo::approved_sensitive_facts(uow.tx(), fed, cohort)));
  if (!next) return;
  repo::store_sensitive_counts(uow.tx(), *next);
  uow.emit(SensitiveCountsChanged{*next, now});
}

}  // namespace samverkan::enrolment::app
