#pragma once
// The one write path. Every write route runs its decision inside a UnitOfWork: one transaction
// holding the state change, its outbox events and its audit entries, so all of them commit
// together or none does. WritePath::run (runtime::Service::write) adds, around the route's code:
// the actor (from the token and X-Request-Id), Idempotency-Key handling on POST, the audit chain
// append at the very end (unsealed rows; no lock shared with other writers), and the mapping of
// unique violations and version conflicts to 409 problem+json.
//
//   service.route(http::Method::Post, "/v1/sessions/{id}/cancel", kPlanners,
//                 [&service](http::Request& req, const auth::Principal& who) {
//     const auto& id = runtime::uuid_param(req, "id");
//     const std::string why = read_reason(req);  // the route's own input checks, before the write
//     return service.write(req, who, [&](writepath::UnitOfWork& uow) {
//       auto before = writepath::lock_version(uow.tx(), "sessions", who.federation, id);
//       if (!before) throw http::Problem::not_found("session");
//       auto row = repo::cancel_session(uow.tx(), who.federation, id);  // version = version + 1
//       uow.emit(SessionChanged{row});
//       uow.audit({.action = "session.cancelled", .entity_type = "session", .entity_id = id,
//                  .version_before = before, .version_after = *before + 1,
//                  .reason = writepath::Reason::given(why)});
//       return writepath::WriteResult{200, row.json()};
//     });
//   });
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/auth/principal.hpp>
#include <samverkan/events/outbox.hpp>
#include <samverkan/events/typed_event.hpp>
#include <string>
#include <vector>

namespace samverkan::writepath {

// Who writes: only ids and role names, never a name or an e-mail address.
struct Actor {
  std::string subject;             // the token's sub
  std::vector<std::string> roles;  // role names, sorted
  std::string federation;          // the tenant, from the token only
  std::string request_id;          // X-Request-Id as answered, or generated
  std::string traceparent;         // W3C trace context of the request, "" if none
};

// Why a change was made. Corrections, rejections and withdrawals must pass Reason::given(text);
// every other change passes Reason::none(). There is no default, so an AuditEntry cannot be
// written without deciding which one it is.
class Reason {
 public:
  static Reason none() { return Reason(std::nullopt); }
  // Throws std::invalid_argument on an empty (or blank) text: validate the request before.
  static Reason given(std::string text);
  [[nodiscard]] const std::optional<std::string>& text() const { return text_; }

 private:
  explicit Reason(std::optional<std::string> text) : text_(std::move(text)) {}
  std::optional<std::string> text_;
};

struct AuditEntry {
  std::string action;       // "<entity>.<past tense>", e.g. "enrolment.withdrawn"
  std::string entity_type;  // "session", "enrolment", ...
  std::string entity_id;    // an id, never a name
  std::optional<std::int64_t> version_before;  // nullopt: created by this change
  std::optional<std::int64_t> version_after;   // nullopt: deleted by this change
  Reason reason;                               // no default: see Reason
};

// What the route answers: status and JSON body; with a location, a Location header too.
struct WriteResult {
  int status = 200;
  boost::json::value body;
  std::string location;  // "" for none
};

class UnitOfWork {
 public:
  UnitOfWork(pqxx::work& tx, const Actor& actor, const events::Outbox& outbox)
      : tx_(tx), actor_(actor), outbox_(outbox) {}
  UnitOfWork(const UnitOfWork&) = delete;
  UnitOfWork& operator=(const UnitOfWork&) = delete;

  pqxx::work& tx() { return tx_; }
  [[nodiscard]] const Actor& actor() const { return actor_; }
  [[nodiscard]] const std::string& federation() const { return actor_.federation; }

  // Appends a typed event to the outbox in this transaction, with the request's traceparent.
  template <events::TypedEvent E>
  std::string emit(const E& event) {
    return outbox_.append(tx_, event, actor_.traceparent);
  }

  // As emit, for many events at once (a bulk import), in the given order.
  void emit_all(const std::vector<events::PendingEvent>& events) {
    outbox_.append_all(tx_, events, actor_.traceparent);
  }

  // Records one state change. Entries are inserted (unsealed) when the unit of work finishes,
  // just before commit, and chained by the sealer after the commit. A write that changes nothing
  // (an idempotent repeat) records none.
  void audit(AuditEntry entry) { entries_.push_back(std::move(entry)); }

  // The 409 detail used if this write hits a unique violation, e.g. "this programme already has a
  // cohort with that name". Set it before the statement that may collide.
  void on_unique_violation(std::string detail) { unique_violation_detail_ = std::move(detail); }

  [[nodiscard]] const std::vector<AuditEntry>& entries() const { return entries_; }
  [[nodiscard]] const std::string& unique_violation_detail() const {
    return unique_violation_detail_;
  }

 private:
  pqxx::work& tx_;
  const Actor& actor_;
  const events::Outbox& outbox_;
  std::vector<AuditEntry> entries_;
  std::string unique_violation_detail_ = "a resource with these values already exists";
};

}  // namespace samverkan::writepath
