#include "../domain/attendance.hpp"

#include <gtest/gtest.h>

namespace samverkan::attendance {
namespace {

std::optional<Resolved> run(const std::string& status, std::optional<std::int64_t> minutes,
                            std::vector<json::FieldError>& errors) {
  return resolve(Mark{status, minutes}, 120, errors);
}

TEST(Resolve, PresentDefaultsToWholeSession) {
  std::vector<json::FieldError> errors;
  auto r = run("present", std::nullopt, errors);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->minutes, 120);
}

TEST(Resolve, PresentCannotExceedSession) {
  std::vector<json::FieldError> errors;
  EXPECT_FALSE(run("present", 121, errors));
  EXPECT_EQ(errors.at(0).field, "minutes");
}

TEST(Resolve, LateNeedsMinutes) {
  std::vector<json::FieldError> errors;
  EXPECT_FALSE(run("late", std::nullopt, errors));
  errors.clear();
  auto r = run("late", 95, errors);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->minutes, 95);
}

TEST(Resolve, AbsentAndExcusedCountNothing) {
  std::vector<json::FieldError> errors;
  EXPECT_EQ(run("absent", std::nullopt, errors)->minutes, 0);
  EXPECT_EQ(run("excused", 0, errors)->minutes, 0);
  EXPECT_FALSE(run("absent", 30, errors));
}

TEST(Resolve, UnknownStatus) {
  std::vector<json::FieldError> errors;
  EXPECT_FALSE(run("asleep", 10, errors));
  EXPECT_EQ(errors.at(0).field, "status");
}

TEST(Same, ComparesStatusAndMinutes) {
  EXPECT_TRUE(same({"present", 120}, {"present", 120}));
  EXPECT_FALSE(same({"present", 120}, {"late", 120}));
  EXPECT_FALSE(same({"late", 90}, {"late", 100}));
}

}  // namespace
}  // namespace samverkan::attendance
