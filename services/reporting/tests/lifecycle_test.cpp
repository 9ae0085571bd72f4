#include "../domain/lifecycle.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

TEST(Versions, MissingIsTheFirst) {
  EXPECT_EQ(version_or_first(std::nullopt), 1);
  EXPECT_EQ(version_or_first(4), 4);
}

TEST(Versions, ARecordsVersionIsItsRevision) {
  EXPECT_EQ(record_version(std::nullopt, 3), 3);
  EXPECT_EQ(record_version(3, 3), 3);
}

TEST(EnrolmentMerge, NewerVersionReplacesOlderAndEqualDoNot) {
  const EnrolmentState approved{"approved", 2};
  EXPECT_TRUE(enrolment_replaces(std::nullopt, approved, false));
  EXPECT_TRUE(enrolment_replaces(approved, {"withdrawn", 3}, false));
  EXPECT_FALSE(enrolment_replaces(EnrolmentState{"withdrawn", 3}, approved, false));
  EXPECT_FALSE(enrolment_replaces(approved, {"withdrawn", 2}, false));  // same version: a replay
}

TEST(EnrolmentMerge, UnversionedApprovalWinsOverPendingAtTheSameVersion) {
  EXPECT_TRUE(enrolment_replaces(EnrolmentState{"pending", 1}, {"approved", 1}, true));
  // ... but over nothing else at that version, and never over a newer one.
  EXPECT_FALSE(enrolment_replaces(EnrolmentState{"approved", 1}, {"approved", 1}, true));
  EXPECT_FALSE(enrolment_replaces(EnrolmentState{"withdrawn", 1}, {"approved", 1}, true));
  EXPECT_FALSE(enrolment_replaces(EnrolmentState{"pending", 2}, {"approved", 1}, true));
  // A versioned event never uses the exception.
  EXPECT_FALSE(enrolment_replaces(EnrolmentState{"pending", 1}, {"approved", 1}, false));
  // A late unversioned request never undoes an approval.
  EXPECT_FALSE(enrolment_replaces(EnrolmentState{"approved", 1}, {"pending", 1}, false));
}

TEST(EnrolmentCounts, ApprovedIsEnrolledWithdrawnIsApartOthersNothing) {
  EXPECT_EQ(enrolment_counts("approved"), (EnrolmentCounts{1, 0}));
  EXPECT_EQ(enrolment_counts("withdrawn"), (EnrolmentCounts{0, 1}));
  for (const char* s : {"interest", "pending", "waitlisted", "rejected"}) {
    EXPECT_TRUE(enrolment_counts(s).zero()) << s;
  }
  EXPECT_EQ(enrolment_counts("withdrawn") - enrolment_counts("approved"), (EnrolmentCounts{-1, 1}));
  EnrolmentCounts sum;
  sum += enrolment_counts("approved");
  sum += enrolment_counts("approved");
  EXPECT_EQ(sum, (EnrolmentCounts{2, 0}));
}

TEST(Sessions, OnlyACancelledSessionStopsCounting) {
  EXPECT_TRUE(session_counts(std::nullopt));  // not heard of yet
  EXPECT_TRUE(session_counts("scheduled"));
  EXPECT_FALSE(session_counts("cancelled"));
  EXPECT_EQ(session_counts_of("scheduled"), (SessionCounts{1, 0}));
  EXPECT_EQ(session_counts_of("cancelled"), (SessionCounts{0, 1}));
  EXPECT_EQ(session_counts_of("cancelled") - session_counts_of("scheduled"),
            (SessionCounts{-1, 1}));
  SessionCounts sum;
  sum += session_counts_of("scheduled");
  EXPECT_FALSE(sum.zero());
  EXPECT_TRUE((sum - sum).zero());
}

}  // namespace
}  // namespace samverkan::reporting
