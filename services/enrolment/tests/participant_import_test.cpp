// The participant import's reading: CSV text to records (BOM, separators, quoting, line ends), the
// header, every rule of a row named by line and column, repeats within the file, and the split
// into new participants and ones the organisation already has.
#include "../domain/participant_import.hpp"

#include <gtest/gtest.h>

#include "../domain/csv_records.hpp"
#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

using namespace test;
constexpr int kYear = 2027;

ImportPlan read(std::string_view text) {
  const auto csv = read_csv_records(text);
  EXPECT_FALSE(csv.error);
  return read_import(csv.records, kOrg, kYear);
}

struct Named {
  std::size_t line;
  std::string field;
  bool operator==(const Named&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Named& n) {
  return os << "line " << n.line << " " << n.field;
}
std::vector<Named> named(const ImportPlan& plan) {
  std::vector<Named> out;
  for (const auto& e : plan.errors) out.push_back({e.line, e.field});
  return out;
}

const char* kHeader = "name;email;gender;birth_year;employment_status;education_level\n";

TEST(CsvRecords, SemicolonWithBomAndCrlf) {
  const auto csv = read_csv_records("\xEF\xBB\xBFname;email\r\nÅsa;asa@example.se\r\n");
  ASSERT_FALSE(csv.error);
  ASSERT_EQ(csv.records.size(), 2u);
  EXPECT_EQ(csv.records[0].cells, (std::vector<std::string>{"name", "email"}));
  EXPECT_EQ(csv.records[1].cells, (std::vector<std::string>{"Åsa", "asa@example.se"}));
  EXPECT_EQ(csv.records[1].line, 2u);
}

TEST(CsvRecords, CommaWithQuotesSpanningLines) {
  const auto csv = read_csv_records("name,role\n\"Lind, Eva\",\"says \"\"hi\"\"\nand more\"\nBo,x");
  ASSERT_FALSE(csv.error);
  ASSERT_EQ(csv.records.size(), 3u);
  EXPECT_EQ(csv.records[1].cells, (std::vector<std::string>{"Lind, Eva", "says \"hi\"\nand more"}));
  EXPECT_EQ(csv.records[2].line, 4u);  // the quoted line break counts
  EXPECT_EQ(csv.records[2].cells, (std::vector<std::string>{"Bo", "x"}));
}

TEST(CsvRecords, Utf16LittleEndianWithBomIsReadAsUtf8) {
  std::string bytes = "\xFF\xFE";
  for (const char c : std::string("name;email\nBo;bo@example.se\n")) {
    bytes += c;
    bytes += '\0';
  }
  const auto csv = read_csv_records(bytes);
  ASSERT_FALSE(csv.error);
  ASSERT_EQ(csv.records.size(), 2u);
  EXPECT_EQ(csv.records[1].cells, (std::vector<std::string>{"Bo", "bo@example.se"}));
}

TEST(CsvRecords, AnUnclosedQuoteIsAnErrorOnItsLine) {
  const auto csv = read_csv_records("name;email\n\"Eva;eva@example.se\n");
  ASSERT_TRUE(csv.error);
  EXPECT_EQ(csv.error->line, 2u);
  EXPECT_TRUE(csv.records.empty());
}

TEST(ReadImport, GoodRowsBecomeParticipantsWithFacts) {
  const auto plan = read(std::string(kHeader) +
                         "Astrid Lind;astrid@example.se;woman;1980;employed;isced_5_8\n"
                         "Bo Ek;bo@example.se;declined;1975;;declined\n");
  ASSERT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), 2u);
  const auto& astrid = plan.rows[0];
  EXPECT_EQ(astrid.line, 2u);
  EXPECT_EQ(astrid.participant.gender, "woman");
  EXPECT_EQ(astrid.participant.organisation_id, kOrg);
  EXPECT_EQ(astrid.facts.employment_status,
            Fact<std::string>::answered("employed", FactSource::SelfDeclared));
  const auto& bo = plan.rows[1];
  EXPECT_EQ(bo.participant.gender, "undisclosed");  // the legacy field for a declined gender
  EXPECT_EQ(bo.facts.gender, Fact<std::string>::declined());
  EXPECT_EQ(bo.facts.employment_status.state, FactState::NotAsked);
  EXPECT_EQ(bo.facts.education_level, Fact<std::string>::declined());
}

TEST(ReadImport, OptionalColumnsInAnyOrderAndCase) {
  const auto plan = read(
      "Subject,Role,Birth_Year,Gender,Email,Name,Facts_Source\n"
      "sub-1,HR,1990,not_stated,c@example.se,Cecilia,target_group\n");
  ASSERT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].subject, "sub-1");
  EXPECT_EQ(plan.rows[0].participant.role, "HR");
  EXPECT_EQ(plan.rows[0].facts.gender,
            Fact<std::string>::answered("not_stated", FactSource::TargetGroup));
}

TEST(ReadImport, HeaderProblemsAreNamedOnLineOne) {
  EXPECT_EQ(named(read("name;email;gender;shoe_size;name\n")),
            (std::vector<Named>{{1, "shoe_size"}, {1, "name"}, {1, "birth_year"}}));
}

TEST(ReadImport, EmptyFileAndHeaderOnly) {
  EXPECT_EQ(named(read("")), (std::vector<Named>{{1, ""}}));
  EXPECT_EQ(named(read(kHeader)), (std::vector<Named>{{1, ""}}));
}

TEST(ReadImport, EveryBadCellIsNamedByLineAndColumn) {
  const auto plan = read(std::string(kHeader) +
                         "Ok;ok@example.se;man;1980;;\n"
                         ";not-an-address;robot;19x0;retired;isced_9\n"
                         "Young;young@example.se;woman;2020;;\n"
                         "Short;short@example.se;woman\n"
                         "Source;s@example.se;woman;1980;;\n");
  EXPECT_EQ(named(plan), (std::vector<Named>{{3, "name"},
                                             {3, "birth_year"},
                                             {3, "email"},
                                             {3, "gender"},
                                             {3, "employment_status"},
                                             {3, "education_level"},
                                             {4, "birth_year"},
                                             {5, ""}}));
  EXPECT_EQ(plan.rows.size(), 2u);  // lines 2 and 6
}

TEST(ReadImport, AnUnknownFactsSourceIsNamed) {
  const auto plan =
      read("name;email;gender;birth_year;facts_source\nA;a@example.se;man;1980;guess\n");
  EXPECT_EQ(named(plan), (std::vector<Named>{{2, "facts_source"}}));
}

TEST(ReadImport, RepeatedAddressesAndSubjectsInTheFileAreNamed) {
  const auto plan = read(
      "name;email;gender;birth_year;subject\n"
      "A;a@example.se;man;1980;s1\n"
      "B;A@Example.se;man;1980;s2\n"
      "C;c@example.se;man;1980;s1\n");
  EXPECT_EQ(named(plan), (std::vector<Named>{{3, "email"}, {4, "subject"}}));
  EXPECT_NE(plan.errors[0].reason.find("line 2"), std::string::npos);
}

TEST(ReadImport, BlankRowsAreSkippedAndLinesStayTrue) {
  const auto plan = read(std::string(kHeader) + ";;;;;\n\nA;a@example.se;man;1980;;\n");
  ASSERT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].line, 4u);
}

TEST(ReadImport, AtMostTheRowLimit) {
  std::vector<ImportRecord> records{{1, {"name", "email", "gender", "birth_year"}}};
  for (std::size_t i = 0; i <= kMaxImportRows; ++i) {
    records.push_back({i + 2, {"P", "p" + std::to_string(i) + "@example.se", "man", "1980"}});
  }
  const auto plan = read_import(records, kOrg, kYear);
  EXPECT_EQ(named(plan), (std::vector<Named>{{kMaxImportRows + 2, ""}}));
}

TEST(SplitExisting, AddressesTheOrganisationHasAreLeftAsTheyAre) {
  const auto plan =
      read(std::string(kHeader) + "A;A@example.se;man;1980;;\nB;b@example.se;man;1980;;\n");
  const ParticipantId known("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c09");
  const auto split = split_existing(plan.rows, {{"a@example.se", known}});
  ASSERT_EQ(split.existing.size(), 1u);
  EXPECT_EQ(split.existing[0].first.line, 2u);
  EXPECT_EQ(split.existing[0].second, known);
  ASSERT_EQ(split.to_create.size(), 1u);
  EXPECT_EQ(split.to_create[0].line, 3u);
}

TEST(ReadImport, ACohortColumnAsksForAnEnrolmentAndMustBeAnId) {
  const auto plan = read(
      "name;email;gender;birth_year;cohort_id\n"
      "A;a@example.se;man;1980;2C1D0E3F-5A6B-4C7D-8E9F-0A1B2C3D4E01\n"
      "B;b@example.se;man;1980;\n"
      "C;c@example.se;man;1980;cohort-2026\n");
  EXPECT_EQ(named(plan), (std::vector<Named>{{4, "cohort_id"}}));
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[0].cohort, kCohort);  // ids are compared lower-cased
  EXPECT_FALSE(plan.rows[1].cohort);
}

TEST(ReadImport, WithACohortColumnAtMostTheSmallerRowLimit) {
  std::vector<ImportRecord> records{{1, {"name", "email", "gender", "birth_year", "cohort_id"}}};
  for (std::size_t i = 0; i <= kMaxImportRowsWithEnrolments; ++i) {
    records.push_back({i + 2, {"P", "p" + std::to_string(i) + "@example.se", "man", "1980", ""}});
  }
  const auto plan = read_import(records, kOrg, kYear);
  EXPECT_EQ(named(plan), (std::vector<Named>{{kMaxImportRowsWithEnrolments + 2, ""}}));
}

}  // namespace
}  // namespace samverkan::enrolment
