#include "../domain/progress.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

TEST(Attended, PresentAndLateCount) {
  EXPECT_TRUE(counts_as_attended("present"));
  EXPECT_TRUE(counts_as_attended("late"));
  EXPECT_FALSE(counts_as_attended("excused"));
  EXPECT_FALSE(counts_as_attended("absent"));
}

TEST(Attended, SqlFormListsTheSameStatuses) {
  const std::string sql = kAttendedStatusesSql;
  for (const char* s : {"present", "late", "excused", "absent"}) {
    EXPECT_EQ(sql.find(std::string("'") + s + "'") != std::string::npos, counts_as_attended(s)) << s;
  }
}

TEST(EnrolmentStatus, ApprovalWins) {
  EXPECT_EQ(merged_enrolment_status("approved", "pending"), "approved");
  EXPECT_EQ(merged_enrolment_status("pending", "approved"), "approved");
  EXPECT_EQ(merged_enrolment_status("", "pending"), "pending");
}

}  // namespace
}  // namespace samverkan::reporting
