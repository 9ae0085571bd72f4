#pragma once
// Monthly time statements inside the write path's unit of work, without HTTP.
#include <optional>
#include <samverkan/writepath/unit_of_work.hpp>
#include <string>

#include "../domain/statement.hpp"

namespace samverkan::attendance::app {

// The participant's month now, with the latest stored version (if any).
struct MonthStatement {
  StatementContent content;
  StatementView view;
  std::vector<StoredStatement> versions;  // every stored version, oldest first
};
MonthStatement read_statement(pqxx::work& tx, const ids::FederationId& fed,
                              const ids::ParticipantId& participant, const std::string& month);

// Confirms the month as the participant saw it (command.sha256). A StatementConfirmed decision is
// written as the next version with its statement.changed event and one audit entry
// "statement.confirmed" (entity "statement", id "<participant_id>/<month>", versions n-1 -> n).
ConfirmDecision confirm_statement(writepath::UnitOfWork& uow, const ids::ParticipantId& participant,
                                  const std::string& month, const ConfirmCommand& command);

// Called by record_mark for every changed mark: the confirmed version of the month the session
// belongs to becomes superseded, with a statement.changed event. No audit entry of its own: it
// follows from the mark's change, which has one.
void supersede_month_of(writepath::UnitOfWork& uow, const Record& record);
// The same for a month named directly: called when self-study of that month is approved.
void supersede_month(writepath::UnitOfWork& uow, const ids::ParticipantId& participant,
                     const std::string& month);

}  // namespace samverkan::attendance::app
