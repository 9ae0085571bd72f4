#include "statements.hpp"

#include <samverkan/events/event.hpp>

#include "../domain/statement_changed.hpp"
#include "../repo/statements_repo.hpp"

namespace samverkan::attendance::app {

namespace {
std::optional<ids::OrganisationId> organisation_of(pqxx::work& tx, const ids::FederationId& fed,
                                                   const ids::ParticipantId& participant) {
  auto organisations = repo::organisations_of(tx, fed, participant);
  if (organisations.empty()) return std::nullopt;
  return organisations.front();
}
}  // namespace

MonthStatement read_statement(pqxx::work& tx, const ids::FederationId& fed,
                              const ids::ParticipantId& participant, const std::string& month) {
  MonthStatement statement;
  statement.content = repo::statement_content(tx, fed, participant, month);
  statement.versions = repo::statement_versions(tx, fed, participant, month);
  std::optional<StoredStatement> latest;
  if (!statement.versions.empty()) latest = statement.versions.back();
  statement.view = current_view(statement.content, latest);
  return statement;
}

ConfirmDecision confirm_statement(writepath::UnitOfWork& uow, const ids::ParticipantId& participant,
                                  const std::string& month, const ConfirmCommand& command) {
  auto& tx = uow.tx();
  const ids::FederationId fed(uow.federation());
  const auto content = repo::statement_content(tx, fed, participant, month);
  const auto latest = repo::latest_statement(tx, fed, participant, month);
  auto decision = decide_confirm(content, latest, fed, command);
  if (const auto* confirmed = std::get_if<StatementConfirmed>(&decision)) {
    const auto& s = confirmed->statement;
    uow.on_unique_violation("the statement was confirmed meanwhile; read it again");
    repo::insert_statement(tx, s);
    uow.emit(StatementChanged{s, organisation_of(tx, fed, participant), command.now});
    uow.audit({"statement.confirmed", "statement", participant.str() + "/" + month,
               latest ? std::optional<std::int64_t>(latest->version) : std::nullopt, s.version,
               writepath::Reason::none()});
  }
  return decision;
}

void supersede_month_of(writepath::UnitOfWork& uow, const Record& record) {
  auto& tx = uow.tx();
  const auto superseded =
      repo::supersede_for_session(tx, record.federation, record.participant, record.session);
  if (!superseded) return;
  uow.emit(StatementChanged{*superseded, organisation_of(tx, record.federation, record.participant),
                            record.recorded_at});
}

}  // namespace samverkan::attendance::app

namespace samverkan::attendance::app {

void supersede_month(writepath::UnitOfWork& uow, const ids::ParticipantId& participant,
                     const std::string& month) {
  auto& tx = uow.tx();
  const ids::FederationId fed(uow.federation());
  const auto superseded = repo::supersede_month(tx, fed, participant, month);
  if (!superseded) return;
  uow.emit(
      StatementChanged{*superseded, organisation_of(tx, fed, participant), events::now_rfc3339()});
}

}  // namespace samverkan::attendance::app
