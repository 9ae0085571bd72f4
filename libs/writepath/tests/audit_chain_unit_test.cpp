// The pure parts of the write path: the audit entry's canonical form and hash, the Reason rule,
// the Idempotency-Key syntax and the actor taken from a request.
#include <gtest/gtest.h>

#include <samverkan/writepath/audit_log.hpp>
#include <samverkan/writepath/write_path.hpp>

namespace samverkan::writepath {
namespace {

AuditRecord sample() {
  return {7,
          "2026-12-01T10:00:00.123456Z",
          "user-1",
          "federation_admin,trainer",
          "session.cancelled",
          "session",
          "0b6c2d3e-0000-4000-8000-000000000001",
          3,
          4,
          std::string("moved to spring"),
          "req-1"};
}

TEST(AuditCanonicalForm, IsAFixedOrderJsonArray) {
  EXPECT_EQ(
      canonical_form("modules", "ostergotland", sample()),
      R"(["samverkan.audit.v1","modules","ostergotland",7,"2026-12-01T10:00:00.123456Z","user-1",)"
      R"("federation_admin,trainer","session.cancelled","session","0b6c2d3e-0000-4000-8000-000000000001",)"
      R"(3,4,"moved to spring","req-1"])");
}

TEST(AuditCanonicalForm, AbsentVersionsAndReasonAreNull) {
  AuditRecord r = sample();
  r.version_before.reset();
  r.version_after.reset();
  r.reason.reset();
  EXPECT_NE(
      canonical_form("modules", "ostergotland", r)
          .find(R"("session","0b6c2d3e-0000-4000-8000-000000000001",null,null,null,"req-1"])"),
      std::string::npos);
}

TEST(AuditCanonicalForm, EveryFieldChangesIt) {
  const std::string base = canonical_form("modules", "f", sample());
  EXPECT_NE(canonical_form("enrolment", "f", sample()), base);
  EXPECT_NE(canonical_form("modules", "g", sample()), base);
  std::vector<AuditRecord> changed(11, sample());
  changed[0].seq = 8;
  changed[1].recorded_at = "2026-12-01T10:00:00.123457Z";
  changed[2].subject = "user-2";
  changed[3].roles = "trainer";
  changed[4].action = "session.rescheduled";
  changed[5].entity_type = "cohort";
  changed[6].entity_id = "x";
  changed[7].version_before = 2;
  changed[8].version_after = 5;
  changed[9].reason = "another";
  changed[10].request_id = "req-2";
  for (const auto& r : changed) EXPECT_NE(canonical_form("modules", "f", r), base);
}

TEST(AuditHash, IsSha256OfPreviousDigestAndCanonicalForm) {
  // Reference values computed independently (Python hashlib): SHA-256 of 32 zero bytes, and of
  // 32 zero bytes followed by "abc".
  EXPECT_EQ(chain_hash("", ""), "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
  EXPECT_EQ(chain_hash("", "abc"),
            "365aa7d8f7f9402c4b9434502b4cc89ddb09fe50d7cd95b493b834c62d5a5370");
  EXPECT_EQ(chain_hash(std::string(64, '0'), "abc"), chain_hash("", "abc"));
  EXPECT_NE(chain_hash(chain_hash("", "abc"), "abc"), chain_hash("", "abc"));
}

TEST(AuditReason, GivenMustSaySomething) {
  EXPECT_THROW(Reason::given(""), std::invalid_argument);
  EXPECT_THROW(Reason::given(" \t\n"), std::invalid_argument);
  EXPECT_EQ(Reason::given("duplicate registration").text(),
            std::optional<std::string>("duplicate registration"));
  EXPECT_FALSE(Reason::none().text().has_value());
}

TEST(IdempotencyKey, IsOneTo255PrintableAsciiCharacters) {
  EXPECT_TRUE(valid_idempotency_key("a"));
  EXPECT_TRUE(valid_idempotency_key("order 42/retry-1 ~!"));
  EXPECT_TRUE(valid_idempotency_key(std::string(255, 'k')));
  EXPECT_FALSE(valid_idempotency_key(""));
  EXPECT_FALSE(valid_idempotency_key(std::string(256, 'k')));
  EXPECT_FALSE(valid_idempotency_key("tab\there"));
  EXPECT_FALSE(valid_idempotency_key("del\x7f"));
  EXPECT_FALSE(valid_idempotency_key("\xc3\xa5ngstr\xc3\xb6m"));
}

TEST(Actor, ComesFromTheTokenAndTheRequestId) {
  http::Request request;
  request.headers["x-request-id"] = "req-9";
  request.headers["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  const auth::Principal who{
      "user-1", "fed-a", {auth::Role::Trainer, auth::Role::FederationAdmin}, std::nullopt};
  const Actor actor = actor_of(request, who);
  EXPECT_EQ(actor.subject, "user-1");
  EXPECT_EQ(actor.federation, "fed-a");
  EXPECT_EQ(actor.roles, (std::vector<std::string>{"federation_admin", "trainer"}));
  EXPECT_EQ(actor.request_id, "req-9");
  EXPECT_EQ(actor.traceparent, request.headers["traceparent"]);
  request.headers.erase("x-request-id");
  const Actor generated = actor_of(request, who);
  EXPECT_EQ(generated.request_id.size(), 36u);
  EXPECT_NE(actor_of(request, who).request_id, generated.request_id);
}

}  // namespace
}  // namespace samverkan::writepath
