#include "import_report.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <samverkan/events/event.hpp>
#include <stdexcept>

#include "../domain/expected.hpp"
#include "../repo/attendance_repo.hpp"
#include "../repo/check_in_repo.hpp"
#include "../repo/import_repo.hpp"
#include "record_mark.hpp"

namespace samverkan::attendance::app {

namespace {

// A dry run decides like record_mark but writes nothing: true when the mark would be a revision.
bool would_change(pqxx::work& tx, const Actor& actor, const MarkCommand& command,
                  std::vector<RefusedMark>& refused) {
  const auto loaded =
      repo::load_for_mark(tx, actor.federation, command.session, command.participant);
  if (!loaded) return false;
  const auto decision = decide(loaded->current, command, actor, loaded->context);
  if (const auto* r = std::get_if<Refused>(&decision)) {
    refused.push_back({command.participant.str(), std::string(to_string(r->reason))});
    return false;
  }
  return std::holds_alternative<Recorded>(decision);
}

bool apply(writepath::UnitOfWork& uow, const MarkCommand& command,
           std::vector<RefusedMark>& refused) {
  const auto decision = record_mark(uow, command);
  if (!decision) return false;
  if (const auto* r = std::get_if<Refused>(&*decision)) {
    refused.push_back({command.participant.str(), std::string(to_string(r->reason))});
    return false;
  }
  return std::holds_alternative<Recorded>(*decision);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0F]);
  }
  return out;
}

std::optional<ImportOutcome> import_report(writepath::UnitOfWork& uow,
                                           const ImportCommand& command) {
  auto& tx = uow.tx();
  const Actor actor = actor_of(uow.actor());
  const auto session = repo::load_import_session(tx, actor.federation, command.session);
  if (!session) return std::nullopt;
  // A trainer imports only for its own sessions, before the file is read.
  const auto trainers = repo::find_check_in_session(tx, actor.federation, command.session);
  if (!trainers || !may_record(actor, trainers->session)) throw NotSessionTrainer{};
  if (session->status == SessionStatus::Cancelled) throw SessionCancelled{};

  const auto report = meeting_report::read_report(command.file, session->window);
  const auto expected = repo::expected_at(tx, actor.federation, command.session);
  auto plan = meeting_report::plan_import(report, expected, session->window, session->policy);

  ImportOutcome out;
  out.format = report.format;
  out.rows = report.rows;
  out.unmatched = std::move(plan.unmatched);
  out.skipped = report.skipped;
  out.file_sha256 = sha256_hex(command.file);
  out.policy = session->policy;
  const ImportRef ref{command.import_id, out.file_sha256};
  const std::string reason =
      "meeting report import (" + std::string(meeting_report::to_string(report.format)) + ")";

  const auto mark = [&](const std::string& participant, Status status, std::int64_t minutes) {
    const MarkCommand mc{command.session, ids::ParticipantId(participant),
                         Mark{status, minutes, Source::Import, reason, ref},
                         ids::RecordId(events::new_event_id()), command.now};
    const bool changed =
        command.dry_run ? would_change(tx, actor, mc, out.refused) : apply(uow, mc, out.refused);
    if (changed) ++out.changes;
    return changed;
  };
  for (auto& m : plan.matched) {
    MatchedMark mm{std::move(m), std::nullopt, false};
    if (mm.match.first_join)
      mm.first_join = meeting_report::rfc3339(*mm.match.first_join, session->utc_offset);
    out.matched.push_back(std::move(mm));
  }
  // The marks are written in participant order, so two imports of one session lock the records
  // in the same order and cannot deadlock. Missing people are marked absent only on request, and
  // only when they have no mark yet: a check-in or a trainer's mark is evidence the file does not
  // overrule by its silence.
  struct Pending {
    const std::string* participant;
    MatchedMark* matched;  // null: an expected person missing from the file
  };
  std::vector<Pending> pending;
  for (auto& m : out.matched) pending.push_back({&m.match.participant_id, &m});
  for (const auto& id : plan.expected_missing) pending.push_back({&id, nullptr});
  std::sort(pending.begin(), pending.end(),
            [](const Pending& a, const Pending& b) { return *a.participant < *b.participant; });
  for (const auto& p : pending) {
    if (p.matched != nullptr) {
      p.matched->changed = mark(*p.participant, p.matched->match.status, p.matched->match.minutes);
      continue;
    }
    const bool unmarked =
        command.absent_if_missing && !repo::load_for_mark(tx, actor.federation, command.session,
                                                          ids::ParticipantId(*p.participant))
                                          ->current;
    if (unmarked) {
      mark(*p.participant, Status::Absent, 0);
      out.marked_absent.push_back(*p.participant);
    } else {
      out.expected_missing.push_back(*p.participant);
    }
  }

  if (!command.dry_run && out.changes > 0) {
    repo::insert_import(
        tx, {command.import_id, actor.federation, command.session, out.file_sha256,
             std::string(meeting_report::to_string(report.format)),
             static_cast<std::int64_t>(report.rows), out.changes, actor.subject, command.now});
    uow.audit({"attendance_import.applied", "attendance_import", command.import_id, std::nullopt, 1,
               writepath::Reason::none()});
    out.import_id = command.import_id;
  }
  return out;
}

}  // namespace samverkan::attendance::app
