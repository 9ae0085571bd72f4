// The check-in code (RFC 6238 SHA-256 vectors, six digits) and every branch of decide_check_in.
#include "../domain/check_in.hpp"

#include <gtest/gtest.h>

namespace samverkan::attendance {
namespace {

const std::string kRfcKey = "12345678901234567890123456789012";  // RFC 6238, SHA-256 seed

TEST(CheckInCode, MatchesTheRfc6238VectorsTruncatedToSixDigits) {
  EXPECT_EQ(check_in_code(kRfcKey, step_of(59)), "119246");           // 46119246
  EXPECT_EQ(check_in_code(kRfcKey, step_of(1111111109)), "084774");   // 68084774
  EXPECT_EQ(check_in_code(kRfcKey, step_of(20000000000)), "737706");  // 77737706
}

TEST(CheckInCode, ChangesWithTheStepAndTheSecret) {
  EXPECT_NE(check_in_code("secret-a", 100), check_in_code("secret-a", 101));
  EXPECT_NE(check_in_code("secret-a", 100), check_in_code("secret-b", 100));
  EXPECT_EQ(check_in_code("secret-a", 100).size(), 6U);
  EXPECT_EQ(step_of(59), 1);
  EXPECT_EQ(step_of(60), 2);
}

constexpr std::int64_t kStart = 1772438400;

CheckInAttempt attempt(std::int64_t now) {
  return {now, kStart, std::string("secret"), check_in_code("secret", step_of(now)), 0, 0};
}

TEST(DecideCheckIn, TheCurrentCodeInsideTheWindowIsAccepted) {
  for (const auto now : {kStart - kOpensBeforeStart, kStart, kStart + kClosesAfterStart}) {
    EXPECT_EQ(decide_check_in(attempt(now)), CheckInOutcome::Accepted) << now;
  }
}

TEST(DecideCheckIn, ThePreviousStepsCodeIsAcceptedButNotOlderOrNewer) {
  auto a = attempt(kStart);
  a.code = check_in_code("secret", step_of(kStart) - 1);
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::Accepted);
  a.code = check_in_code("secret", step_of(kStart) - 2);
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::WrongCode);
  a.code = check_in_code("secret", step_of(kStart) + 1);
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::WrongCode);
}

TEST(DecideCheckIn, AWrongCodeOrAnotherSessionsCodeIsWrong) {
  auto a = attempt(kStart);
  a.code = a.code == "000000" ? "000001" : "000000";
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::WrongCode);
  a.code = check_in_code("another secret", step_of(kStart));
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::WrongCode);
  a.code = "12345";
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::WrongCode);
}

TEST(DecideCheckIn, OutsideTheWindowIsRefusedEvenWithTheRightCode) {
  EXPECT_EQ(decide_check_in(attempt(kStart - kOpensBeforeStart - 1)),
            CheckInOutcome::OutsideWindow);
  EXPECT_EQ(decide_check_in(attempt(kStart + kClosesAfterStart + 1)),
            CheckInOutcome::OutsideWindow);
}

TEST(DecideCheckIn, NotOpenComesFirst) {
  auto a = attempt(kStart + 24 * 3600);
  a.secret.reset();
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::NotOpen);
}

TEST(DecideCheckIn, TheLimitsStopEvenTheRightCode) {
  auto a = attempt(kStart);
  a.wrong_by_participant = kMaxWrongPerParticipant - 1;
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::Accepted);
  a.wrong_by_participant = kMaxWrongPerParticipant;
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::Limited);
  a.wrong_by_participant = 0;
  a.wrong_in_session = kMaxWrongPerSession;
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::Limited);
  a.now = kStart + kClosesAfterStart + 1;  // the limit is checked before the window
  EXPECT_EQ(decide_check_in(a), CheckInOutcome::Limited);
}

TEST(DecideCheckIn, OutcomesHaveStableCodes) {
  EXPECT_EQ(to_string(CheckInOutcome::WrongCode), "wrong_code");
  EXPECT_EQ(to_string(CheckInOutcome::Limited), "too_many_wrong_codes");
  EXPECT_EQ(to_string(CheckInOutcome::OutsideWindow), "outside_check_in_window");
  EXPECT_EQ(to_string(CheckInOutcome::NotOpen), "check_in_not_open");
  EXPECT_EQ(to_string(CheckInOutcome::Accepted), "accepted");
}

}  // namespace
}  // namespace samverkan::attendance
