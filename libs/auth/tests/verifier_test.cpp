#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <samverkan/auth/verifier.hpp>
#include <string>
#include <thread>
#include <vector>

#include "test_tokens.hpp"

namespace samverkan::auth {
namespace {

using testing::kAudience;
using testing::kSecret;
using testing::now_seconds;
using testing::sign_hs256;

MintOptions hs256_options() {
  MintOptions options;
  options.algorithm = Algorithm::HS256;
  options.key = kSecret;
  options.audience = kAudience;
  options.subject = "user-17";
  options.federation = "ostergotland";
  options.roles = {Role::FederationAdmin};
  options.expires_at = now_seconds() + 3600;
  return options;
}

Verifier hs256_verifier(std::string secret = kSecret) {
  return Verifier({Algorithm::HS256, std::move(secret), kAudience, std::chrono::seconds(30)});
}

// The AuthError message, or "accepted" when verification succeeds.
std::string rejection(const Verifier& verifier, const std::string& token) {
  try {
    (void)verifier.verify(token);
  } catch (const AuthError& e) {
    return e.what();
  }
  return "accepted";
}

// Claims that pass every check, as JSON text with the given replacements appended.
std::string claims(const std::string& extra = {}, bool with_defaults = true) {
  std::string json = "{";
  if (with_defaults) {
    json += R"("sub":"user-1","fed":"ostergotland","aud":"samverkan","roles":["trainer"],)";
    json += R"("exp":)" + std::to_string(now_seconds() + 600);
    if (!extra.empty()) json += ",";
  }
  return json + extra + "}";
}

TEST(Verifier, Hs256RoundTrip) {
  MintOptions options = hs256_options();
  options.roles = {Role::OrgCoordinator, Role::Trainer};
  options.organisation = "org-42";
  const Principal principal = hs256_verifier().verify(mint(options));
  EXPECT_EQ(principal.subject, "user-17");
  EXPECT_EQ(principal.federation, "ostergotland");
  EXPECT_EQ(principal.roles, (std::set<Role>{Role::OrgCoordinator, Role::Trainer}));
  EXPECT_EQ(principal.organisation, "org-42");
  EXPECT_TRUE(principal.has(Role::Trainer));
  EXPECT_FALSE(principal.has(Role::FederationAdmin));
}

TEST(Verifier, ExpiredTokenIsRejectedButLeewayIsHonoured) {
  MintOptions options = hs256_options();
  options.expires_at = now_seconds() - 120;
  EXPECT_EQ(rejection(hs256_verifier(), mint(options)), "token expired");
  options.expires_at = now_seconds() - 5;
  EXPECT_EQ(rejection(hs256_verifier(), mint(options)), "accepted");
}

TEST(Verifier, MissingOrMalformedExpIsRejected) {
  const std::string base = R"("sub":"u","fed":"f","aud":"samverkan","roles":[])";
  EXPECT_EQ(rejection(hs256_verifier(), sign_hs256("{" + base + "}", kSecret)), "invalid token");
  EXPECT_EQ(rejection(hs256_verifier(), sign_hs256("{" + base + R"(,"exp":"never"})", kSecret)),
            "invalid token");
}

TEST(Verifier, NotBeforeInTheFutureIsRejected) {
  const auto future = std::to_string(now_seconds() + 600);
  EXPECT_EQ(rejection(hs256_verifier(), sign_hs256(claims(R"("nbf":)" + future), kSecret)),
            "token not yet valid");
  const auto past = std::to_string(now_seconds() - 600);
  EXPECT_EQ(rejection(hs256_verifier(), sign_hs256(claims(R"("nbf":)" + past), kSecret)),
            "accepted");
}

TEST(Verifier, WrongAudienceIsRejected) {
  MintOptions options = hs256_options();
  options.audience = "someone-else";
  EXPECT_EQ(rejection(hs256_verifier(), mint(options)), "wrong audience");
}

TEST(Verifier, AudienceArrayMustContainTheAudience) {
  const std::string exp = std::to_string(now_seconds() + 600);
  const std::string base = R"("sub":"u","fed":"f","roles":[],"exp":)" + exp;
  EXPECT_EQ(rejection(hs256_verifier(),
                      sign_hs256(claims(base + R"(,"aud":["x","samverkan"])", false), kSecret)),
            "accepted");
  EXPECT_EQ(
      rejection(hs256_verifier(), sign_hs256(claims(base + R"(,"aud":["x","y"])", false), kSecret)),
      "wrong audience");
  EXPECT_EQ(rejection(hs256_verifier(), sign_hs256(claims(base, false), kSecret)),
            "wrong audience");
}

TEST(Verifier, WrongSecretIsRejected) {
  EXPECT_EQ(rejection(hs256_verifier("another-secret-another-secret!!"), mint(hs256_options())),
            "invalid token");
}

TEST(Verifier, TamperedPayloadIsRejected) {
  const std::string token = mint(hs256_options());
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  const std::string forged_payload = testing::base64url(
      R"({"sub":"user-17","fed":"other-fed","aud":"samverkan","roles":["federation_admin"],"exp":)" +
      std::to_string(now_seconds() + 3600) + "}");
  const std::string forged = token.substr(0, first + 1) + forged_payload + token.substr(second);
  EXPECT_EQ(rejection(hs256_verifier(), forged), "invalid token");
}

TEST(Verifier, UnsignedAlgNoneTokenIsRejected) {
  const std::string payload = testing::base64url(claims());
  for (const char* header : {R"({"alg":"none"})", R"({"alg":"none","typ":"JWT"})"}) {
    const std::string head = testing::base64url(header);
    EXPECT_EQ(rejection(hs256_verifier(), head + "." + payload + "."), "invalid token") << header;
    // A junk signature must not turn an unsigned token into an accepted one either.
    EXPECT_EQ(rejection(hs256_verifier(), head + "." + payload + ".c2ln"), "invalid token")
        << header;
  }
}

TEST(Verifier, MalformedTokensAreRejected) {
  for (const std::string token :
       {"", "abc", "a.b", "a..c", ".b.c", "a.b.c.d", "not a token at all", "a.b.c"}) {
    EXPECT_EQ(rejection(hs256_verifier(), token), "invalid token") << token;
  }
}

TEST(Verifier, SubjectAndFederationAreRequiredAndFederationIsValidated) {
  const std::string rest =
      R"("aud":"samverkan","roles":[],"exp":)" + std::to_string(now_seconds() + 600);
  const auto token = [&](const std::string& extra) {
    return sign_hs256(claims(rest + "," + extra, false), kSecret);
  };
  EXPECT_EQ(rejection(hs256_verifier(), token(R"("fed":"ok")")), "invalid token");
  EXPECT_EQ(rejection(hs256_verifier(), token(R"("sub":"","fed":"ok")")), "invalid token");
  EXPECT_EQ(rejection(hs256_verifier(), token(R"("sub":"u")")), "invalid token");
  for (const char* bad : {"", "Upper", "-lead", "has_underscore", "has space", "åland"}) {
    EXPECT_EQ(rejection(hs256_verifier(), token(R"("sub":"u","fed":")" + std::string(bad) + "\"")),
              "invalid token")
        << bad;
  }
  const std::string longest(63, 'a');
  EXPECT_EQ(rejection(hs256_verifier(), token(R"("sub":"u","fed":")" + longest + "\"")),
            "accepted");
  EXPECT_EQ(rejection(hs256_verifier(), token(R"("sub":"u","fed":")" + longest + "a\"")),
            "invalid token");
  EXPECT_EQ(rejection(hs256_verifier(), token(R"("sub":"u","fed":"0-vast-ra")")), "accepted");
}

TEST(Verifier, UnknownRolesAreIgnoredAndNonArrayRolesRejected) {
  const std::string base =
      R"("sub":"u","fed":"f","aud":"samverkan","exp":)" + std::to_string(now_seconds() + 600);
  const Principal principal = hs256_verifier().verify(
      sign_hs256(claims(base + R"(,"roles":["superuser","funder_auditor"])", false), kSecret));
  EXPECT_EQ(principal.roles, std::set<Role>{Role::FunderAuditor});
  const Principal none = hs256_verifier().verify(
      sign_hs256(claims(base + R"(,"roles":["superuser"])", false), kSecret));
  EXPECT_TRUE(none.roles.empty());
  EXPECT_EQ(rejection(hs256_verifier(),
                      sign_hs256(claims(base + R"(,"roles":"trainer")", false), kSecret)),
            "invalid token");
  EXPECT_EQ(
      rejection(hs256_verifier(), sign_hs256(claims(base + R"(,"roles":[1])", false), kSecret)),
      "invalid token");
}

TEST(Verifier, CoordinatorWithoutOrganisationIsRejected) {
  MintOptions options = hs256_options();
  options.roles = {Role::OrgCoordinator};
  EXPECT_EQ(rejection(hs256_verifier(), mint(options)), "invalid token");
  options.organisation = "org-1";
  EXPECT_EQ(rejection(hs256_verifier(), mint(options)), "accepted");
}

// A verifier whose clock the test moves; the cache is on (its default).
struct ClockedVerifier {
  std::shared_ptr<std::int64_t> clock = std::make_shared<std::int64_t>(now_seconds());
  Verifier verifier;
  explicit ClockedVerifier(std::size_t capacity = 10000)
      : verifier([this, capacity] {
          VerifierConfig config{Algorithm::HS256, kSecret, kAudience, std::chrono::seconds(30)};
          config.cache_capacity = capacity;
          config.clock = [clock = clock] { return *clock; };
          return config;
        }()) {}
};

TEST(VerifierCache, ACachedTokenStillExpires) {
  ClockedVerifier v;
  const std::int64_t start = *v.clock;
  MintOptions options = hs256_options();
  options.expires_at = start + 100;
  const std::string token = mint(options);
  EXPECT_EQ(rejection(v.verifier, token), "accepted");
  *v.clock = start + 100 + 30;  // exp plus the leeway: still valid
  EXPECT_EQ(rejection(v.verifier, token), "accepted");
  *v.clock = start + 100 + 31;
  EXPECT_EQ(rejection(v.verifier, token), "token expired");
  EXPECT_EQ(rejection(v.verifier, token), "token expired") << "an expired token came back";
}

TEST(VerifierCache, ACachedTokenStillHonoursNotBefore) {
  ClockedVerifier v;
  const std::int64_t start = *v.clock;
  const std::string token = sign_hs256(claims(R"("nbf":)" + std::to_string(start)), kSecret);
  EXPECT_EQ(rejection(v.verifier, token), "accepted");
  *v.clock = start - 31;  // the clock stepped back past nbf and the leeway
  EXPECT_EQ(rejection(v.verifier, token), "token not yet valid");
}

TEST(VerifierCache, OnlyTheVerifiedTokenItselfHits) {
  ClockedVerifier v;
  const std::string token = mint(hs256_options());
  EXPECT_EQ(rejection(v.verifier, token), "accepted");
  // Same header and claims, another signature: verified afresh, and refused.
  std::string forged = token;
  char& changed = forged[token.rfind('.') + 1];
  changed = changed == 'A' ? 'B' : 'A';
  EXPECT_EQ(rejection(v.verifier, forged), "invalid token");
  EXPECT_EQ(rejection(v.verifier, token), "accepted");
}

TEST(VerifierCache, AFullCacheStillVerifiesEveryToken) {
  ClockedVerifier v(2);
  std::vector<std::string> tokens;
  for (const char* subject : {"a", "b", "c", "d"}) {
    MintOptions options = hs256_options();
    options.subject = subject;
    tokens.push_back(mint(options));
  }
  for (int round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      EXPECT_EQ(v.verifier.verify(tokens[i]).subject, std::string(1, static_cast<char>('a' + i)));
    }
  }
}

TEST(VerifierCache, ConcurrentVerificationsAgree) {
  ClockedVerifier v(8);
  std::vector<std::string> tokens;
  for (int i = 0; i < 16; ++i) {
    MintOptions options = hs256_options();
    options.subject = "user-" + std::to_string(i);
    tokens.push_back(mint(options));
  }
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 400; ++i) {
        const int k = (i + t) % 16;
        if (v.verifier.verify(tokens[k]).subject != "user-" + std::to_string(k)) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
}

TEST(Verifier, HeaderParsing) {
  const Verifier verifier = hs256_verifier();
  const std::string token = mint(hs256_options());
  EXPECT_EQ(verifier.verify_header("Bearer " + token).subject, "user-17");
  EXPECT_EQ(verifier.verify_header("bearer " + token).subject, "user-17");
  EXPECT_EQ(verifier.verify_header("BEARER  " + token + " ").subject, "user-17");
  for (const std::string& header :
       {std::string(), std::string("Bearer"), std::string("Bearer  "), "Basic " + token, token}) {
    try {
      (void)verifier.verify_header(header);
      ADD_FAILURE() << "accepted: " << header;
    } catch (const AuthError& e) {
      EXPECT_STREQ(e.what(), "missing bearer token") << header;
    }
  }
  EXPECT_THROW((void)verifier.verify_header("Bearer not.a-token.x"), AuthError);
}

TEST(Verifier, EmptyKeyOrAudienceIsAConfigurationError) {
  EXPECT_THROW(Verifier({Algorithm::HS256, "", kAudience}), std::invalid_argument);
  EXPECT_THROW(Verifier({Algorithm::HS256, kSecret, ""}), std::invalid_argument);
}

class Rs256 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys_ = new testing::RsaKeyPair(testing::generate_rsa_key_pair());
  }
  static void TearDownTestSuite() {
    delete keys_;
    keys_ = nullptr;
  }
  static Verifier verifier() {
    return Verifier({Algorithm::RS256, keys_->public_pem, kAudience, std::chrono::seconds(30)});
  }
  static MintOptions options() {
    MintOptions options = hs256_options();
    options.algorithm = Algorithm::RS256;
    options.key = keys_->private_pem;
    return options;
  }
  static testing::RsaKeyPair* keys_;
};
testing::RsaKeyPair* Rs256::keys_ = nullptr;

TEST_F(Rs256, RoundTrip) {
  const std::string token = mint(options());
  const Principal principal = verifier().verify(token);
  EXPECT_EQ(principal.subject, "user-17");
  EXPECT_EQ(principal.roles, std::set<Role>{Role::FederationAdmin});
}

TEST_F(Rs256, KeyFromAnotherPairIsRejected) {
  const testing::RsaKeyPair other = testing::generate_rsa_key_pair();
  const Verifier wrong({Algorithm::RS256, other.public_pem, kAudience});
  EXPECT_EQ(rejection(wrong, mint(options())), "invalid token");
}

TEST_F(Rs256, Hs256TokensAreRejected) {
  // The classic confusion: HMAC-sign with the public key, which the verifier holds as its key.
  MintOptions confused = hs256_options();
  confused.key = keys_->public_pem;
  EXPECT_EQ(rejection(verifier(), mint(confused)), "invalid token");
  EXPECT_EQ(rejection(verifier(), mint(hs256_options())), "invalid token");
}

TEST_F(Rs256, Hs256VerifierRejectsRs256Tokens) {
  EXPECT_EQ(rejection(Verifier({Algorithm::HS256, keys_->public_pem, kAudience}), mint(options())),
            "invalid token");
}

TEST(Roles, NamesRoundTrip) {
  for (Role role :
       {Role::FederationAdmin, Role::OrgCoordinator, Role::Trainer, Role::FunderAuditor,
        Role::Participant}) {
    EXPECT_EQ(role_from_string(to_string(role)), role);
  }
  EXPECT_EQ(to_string(Role::FunderAuditor), "funder_auditor");
  EXPECT_EQ(to_string(Role::Participant), "participant");
  EXPECT_FALSE(role_from_string("Trainer").has_value());
}

}  // namespace
}  // namespace samverkan::auth
