// A session's trainers in reporting: every branch of reading them from the session events, the
// stored text round trip, and the export cells.
#include "../domain/session_trainers.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

std::vector<std::pair<std::string, std::optional<std::string>>> pairs(
    const std::vector<SessionTrainer>& trainers) {
  std::vector<std::pair<std::string, std::optional<std::string>>> out;
  for (const auto& t : trainers) out.emplace_back(t.subject, t.name);
  return out;
}

TEST(SessionTrainers, NamedTrainersFromTheEventInSubjectOrder) {
  const boost::json::object data{
      {"trainer_subjects", {"t-1", "t-2"}},
      {"trainers",
       {{{"subject", "t-2"}, {"name", "Bo Berg"}}, {{"subject", "t-1"}, {"name", nullptr}}}}};
  EXPECT_EQ(pairs(session_trainers_from(data)),
            (decltype(pairs({})){{"t-1", std::nullopt}, {"t-2", "Bo Berg"}}));
}

TEST(SessionTrainers, SubjectsOnlyFromAnEarlierEventAndNoneWithout) {
  const boost::json::object earlier{{"trainer_subjects", {"t-2", "t-1"}}};
  EXPECT_EQ(pairs(session_trainers_from(earlier)),
            (decltype(pairs({})){{"t-1", std::nullopt}, {"t-2", std::nullopt}}));
  EXPECT_TRUE(session_trainers_from(boost::json::object{{"kind", "lecture"}}).empty());
}

TEST(SessionTrainers, StoredTextRoundTrips) {
  const std::vector<SessionTrainer> trainers{{"t-1", "Åsa \"Ek\""}, {"t-2", std::nullopt}};
  EXPECT_EQ(trainers_text(trainers),
            R"([{"subject":"t-1","name":"Åsa \"Ek\""},{"subject":"t-2","name":null}])");
  EXPECT_EQ(pairs(trainers_from_text(trainers_text(trainers))), pairs(trainers));
  EXPECT_TRUE(trainers_from_text("[]").empty());
}

TEST(SessionTrainers, CellsJoinSubjectsAndTheNamesGiven) {
  const std::vector<SessionTrainer> trainers{
      {"t-1", "Åsa Ek"}, {"t-2", std::nullopt}, {"t-3", "Bo Berg"}};
  EXPECT_EQ(trainers_cell(trainers), "t-1, t-2, t-3");
  EXPECT_EQ(teacher_cell(trainers), "Åsa Ek, Bo Berg");
  EXPECT_EQ(trainers_cell({}), "");
  EXPECT_EQ(teacher_cell({{"t-2", std::nullopt}}), "");
}

}  // namespace
}  // namespace samverkan::reporting
