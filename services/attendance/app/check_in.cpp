#include "check_in.hpp"

#include <openssl/rand.h>

#include <samverkan/events/event.hpp>
#include <samverkan/json/reader.hpp>
#include <stdexcept>

#include "../domain/expected.hpp"
#include "../repo/attendance_repo.hpp"
#include "../repo/check_in_repo.hpp"
#include "record_mark.hpp"

namespace samverkan::attendance::app {

namespace {

std::string random_secret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes");
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : bytes) {
    hex.push_back(kDigits[b >> 4]);
    hex.push_back(kDigits[b & 0x0f]);
  }
  return hex;
}

CheckInCode code_of(const std::string& secret, std::int64_t starts, std::int64_t now) {
  const auto step = step_of(now);
  return CheckInCode{check_in_code(secret, step), (step + 1) * kStepSeconds,
                     starts - kOpensBeforeStart, starts + kClosesAfterStart};
}

std::optional<CheckInRefusal> may_open(const std::optional<repo::CheckInSession>& found,
                                       const Actor& actor) {
  if (!found) return CheckInRefusal::NotFound;
  if (!may_record(actor, found->session)) return CheckInRefusal::NotSessionTrainer;
  if (found->session.status == SessionStatus::Cancelled) return CheckInRefusal::SessionCancelled;
  return std::nullopt;
}

}  // namespace

CodeAnswer open_check_in(writepath::UnitOfWork& uow, const ids::SessionId& session,
                         std::int64_t now) {
  auto& tx = uow.tx();
  const auto actor = actor_of(uow.actor());
  const auto found = repo::find_check_in_session(tx, actor.federation, session);
  if (const auto refused = may_open(found, actor)) return *refused;
  if (found->secret) return code_of(*found->secret, found->starts_epoch, now);
  const auto secret = random_secret();
  if (!repo::open_check_in(tx, actor.federation, session, secret, actor.subject,
                           json::format_rfc3339_utc(now))) {
    // Opened meanwhile by another request: its secret stands.
    const auto again = repo::find_check_in_session(tx, actor.federation, session);
    return code_of(*again->secret, again->starts_epoch, now);
  }
  uow.audit(
      {"check_in.opened", "check_in", session.str(), std::nullopt, 1, writepath::Reason::none()});
  return code_of(secret, found->starts_epoch, now);
}

CodeAnswer current_code(pqxx::work& tx, const Actor& actor, const ids::SessionId& session,
                        std::int64_t now) {
  const auto found = repo::find_check_in_session(tx, actor.federation, session);
  if (const auto refused = may_open(found, actor)) return *refused;
  if (!found->secret) return CheckInRefusal::NotOpen;
  return code_of(*found->secret, found->starts_epoch, now);
}

std::optional<CheckInOutcome> verify_check_in(db::Pool& pool, const ids::FederationId& fed,
                                              const ids::SessionId& session,
                                              const ids::ParticipantId& participant,
                                              const std::string& code, std::int64_t now) {
  return pool.transact([&](pqxx::work& tx) -> std::optional<CheckInOutcome> {
    const auto found = repo::find_check_in_session(tx, fed, session);
    if (!found) return std::nullopt;
    const auto wrong = repo::wrong_codes(tx, fed, session, participant);
    const auto outcome = decide_check_in(
        {now, found->starts_epoch, found->secret, code, wrong.by_participant, wrong.in_session});
    if (outcome == CheckInOutcome::WrongCode)
      repo::record_wrong_code(tx, fed, session, participant);
    return outcome;
  });
}

std::optional<Decision> mark_checked_in(writepath::UnitOfWork& uow, const ids::SessionId& session,
                                        const ids::ParticipantId& participant,
                                        const std::string& now) {
  const ids::FederationId fed(uow.federation());
  const auto loaded = repo::load_for_mark(uow.tx(), fed, session, participant);
  if (!loaded) return std::nullopt;
  if (loaded->current) return Unchanged{*loaded->current};
  return record_mark(uow, MarkCommand{session, participant,
                                      Mark{Status::Present, std::nullopt, Source::CheckIn,
                                           "checked in with the session's code", std::nullopt},
                                      ids::RecordId(events::new_event_id()), now});
}

}  // namespace samverkan::attendance::app
