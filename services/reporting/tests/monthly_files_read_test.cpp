// The monthly participant file read from the read model: who started and who left in a month with
// their entry facts, the same bytes twice and after a replay in another order, and the
// resubmission marks after a late correction to an earlier month.
#include <gtest/gtest.h>

#include <algorithm>

#include "../repo/monthly_files.hpp"
#include "../repo/participant_names.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

const std::string kFed = "fed-monthly";

// The events of a programme with one cohort: participants 1 and 3 start in January, 2 in
// February, 3 leaves in March, 4 never starts.
class MonthlyFiles : public ::testing::Test {
 protected:
  std::string programme = uuid(kProgramme, 21), cohort = uuid(kCohort, 21),
              organisation = uuid(kOrganisation, 21), other_organisation = uuid(kOrganisation, 22);

  std::string participant(int n) const { return uuid(kParticipant, 210 + n); }
  std::string organisation_of(int n) const { return n == 2 ? other_organisation : organisation; }

  events::Event event(ReadModel& model, const std::string& type, object data) {
    data["federation_id"] = kFed;
    return model.event(type, std::move(data));
  }
  static object fact(const char* value, const char* source = "self_declared") {
    return {{"state", "answered"}, {"value", value}, {"source", source}};
  }
  events::Event facts(ReadModel& model, int n, const char* education, int version) {
    return event(
        model, "se.samverkan.enrolment.entry_facts.recorded.v1",
        {{"participant_id", participant(n)},
         {"organisation_id", organisation_of(n)},
         {"version", version},
         {"frozen_on", nullptr},
         {"facts",
          object{{"gender", fact(n == 2 ? "man" : "woman")},
                 {"birth_year", object{{"state", "answered"},
                                       {"value", 1960 + n * 10},
                                       {"source", "self_declared"}}},
                 {"employment_status", fact("employed", "target_group")},
                 {"education_level",
                  education != nullptr
                      ? fact(education)
                      : object{{"state", "declined"}, {"value", nullptr}, {"source", nullptr}}}}}});
  }
  events::Event enrolment(ReadModel& model, int n, const char* status, const char* started_on,
                          const char* left_on, int version) {
    const auto date = [](const char* d) {
      return d != nullptr ? boost::json::value(d) : boost::json::value(nullptr);
    };
    return event(model, "se.samverkan.enrolment.enrolment.changed.v1",
                 {{"enrolment_id", uuid(kEnrolment, 210 + n)},
                  {"participant_id", participant(n)},
                  {"organisation_id", organisation_of(n)},
                  {"cohort_id", cohort},
                  {"status", status},
                  {"stage", nullptr},
                  {"requested_at", "2025-12-01T10:00:00Z"},
                  {"approved_at", "2025-12-02T10:00:00Z"},
                  {"left_on", date(left_on)},
                  {"started_on", date(started_on)},
                  {"version", version},
                  {"changed_at", "2026-01-01T10:00:00Z"}});
  }
  std::vector<events::Event> world(ReadModel& model) {
    std::vector<events::Event> all{event(model, "se.samverkan.modules.cohort.created.v1",
                                         {{"cohort_id", cohort},
                                          {"programme_id", programme},
                                          {"name", "Omgång 2026"},
                                          {"starts_on", "2026-01-01"},
                                          {"ends_on", "2026-12-31"}})};
    for (int n = 1; n <= 4; ++n) {
      all.push_back(event(model, "se.samverkan.enrolment.participant.registered.v1",
                          {{"participant_id", participant(n)},
                           {"organisation_id", organisation_of(n)},
                           {"name", "Person " + std::to_string(n)},
                           {"email", "person" + std::to_string(n) + "@example.org"},
                           {"gender", "woman"},
                           {"birth_year", 1980},
                           {"role", "officer"},
                           {"version", 1}}));
      all.push_back(enrolment(model, n, "approved", nullptr, nullptr, 2));
    }
    all.push_back(enrolment(model, 1, "approved", "2026-01-12", nullptr, 3));
    all.push_back(enrolment(model, 3, "approved", "2026-01-20", nullptr, 3));
    all.push_back(enrolment(model, 2, "approved", "2026-02-03", nullptr, 3));
    all.push_back(enrolment(model, 3, "withdrawn", "2026-01-20", "2026-03-10", 4));
    all.push_back(facts(model, 1, "isced_3_4", 1));
    all.push_back(facts(model, 2, nullptr, 1));
    all.push_back(facts(model, 3, "isced_5_8", 1));
    return all;
  }
  static void feed(ReadModel& model, const std::vector<events::Event>& events) {
    for (const auto& e : events) model.apply({e});
  }
  std::string file(ReadModel& model, const std::string& month, const ExportFormat& format = {}) {
    std::string out = monthly_file_header(format);
    model.pool().transact([&](pqxx::work& tx) {
      repo::stream_monthly_file(tx, kFed, programme, month,
                                [&](const std::string&, const MonthlyFileRow& row) {
                                  out += monthly_file_row(row, format);
                                });
    });
    return out;
  }
  void submit(const std::string& month) {
    model.pool().transact([&](pqxx::work& tx) {
      repo::store_submission(tx, kFed, programme, month,
                             repo::submission_now(tx, kFed, programme, month), "auditor-1");
    });
  }
  // month -> needs_resubmission, for the submitted months.
  std::map<std::string, bool> marks() {
    std::map<std::string, bool> out;
    model.pool().transact([&](pqxx::work& tx) {
      for (const auto& s : repo::read_month_states(tx, kFed, programme)) {
        if (s.submitted) out[s.month] = s.needs_resubmission;
      }
    });
    return out;
  }

  ReadModel model;
};

TEST_F(MonthlyFiles, WhoStartedAndWhoLeftWithTheirEntryFacts) {
  feed(model, world(model));
  EXPECT_EQ(file(model, "2026-01"),
            "\xEF\xBB\xBF"
            "event,participant_id,organisation_id,started_on,left_on,gender,gender_source,"
            "age_band_at_entry,birth_year_source,employment_status,employment_status_source,"
            "education_level,education_level_source\r\n"
            "started," +
                participant(1) + "," + organisation +
                ",2026-01-12,,woman,self_declared,55_and_over,self_declared,employed,"
                "target_group,isced_3_4,self_declared\r\n"
                "started," +
                participant(3) + "," + organisation +
                ",2026-01-20,,woman,self_declared,30_54,self_declared,employed,target_group,"
                "isced_5_8,self_declared\r\n");
  const auto february = file(model, "2026-02");
  EXPECT_NE(february.find("started," + participant(2) + "," + other_organisation +
                          ",2026-02-03,,man,self_declared,30_54,self_declared,employed,"
                          "target_group,declined,\r\n"),
            std::string::npos)
      << february;
  const auto march = file(model, "2026-03");
  EXPECT_NE(march.find("left," + participant(3) + "," + organisation + ",2026-01-20,2026-03-10,"),
            std::string::npos)
      << march;
  EXPECT_EQ(march.find("started,"), std::string::npos);
  EXPECT_EQ(file(model, "2026-04").find(participant(4)), std::string::npos);
}

TEST_F(MonthlyFiles, TheSameInputsGiveTheSameBytesWhateverTheOrderTheyArrivedIn) {
  feed(model, world(model));
  ReadModel replayed;
  auto events = world(replayed);
  std::reverse(events.begin(), events.end());
  // Every event twice, newest versions first: the merge by version leaves the same rows.
  feed(replayed, events);
  feed(replayed, events);
  for (const char* month : {"2026-01", "2026-02", "2026-03"}) {
    const auto built = file(model, month);
    EXPECT_EQ(file(model, month), built) << month;  // two builds
    EXPECT_EQ(file(replayed, month), built) << month;
  }
  const auto hashes = [&](ReadModel& m) {
    return m.pool().transact(
        [&](pqxx::work& tx) { return repo::month_file_hashes(tx, kFed, programme); });
  };
  EXPECT_EQ(hashes(model), hashes(replayed));
  EXPECT_EQ(hashes(model).size(), 3u);
}

TEST_F(MonthlyFiles, ALateCorrectionToAnEarlierMonthMarksEveryLaterSubmittedMonth) {
  feed(model, world(model));
  submit("2026-01");
  submit("2026-02");
  submit("2026-03");
  EXPECT_EQ(marks(), (std::map<std::string, bool>{
                         {"2026-01", false}, {"2026-02", false}, {"2026-03", false}}));
  // March's leaving date is corrected: only March changes, so only March is marked.
  model.apply({enrolment(model, 3, "withdrawn", "2026-01-20", "2026-03-12", 5)});
  EXPECT_EQ(marks(), (std::map<std::string, bool>{
                         {"2026-01", false}, {"2026-02", false}, {"2026-03", true}}));
  submit("2026-03");
  // A January starter's education is corrected in April: January and every later month.
  model.apply({facts(model, 1, "isced_5_8", 2)});
  EXPECT_EQ(marks(),
            (std::map<std::string, bool>{{"2026-01", true}, {"2026-02", true}, {"2026-03", true}}));
  // Sending January again leaves the later months marked: they were sent after the old January.
  submit("2026-01");
  EXPECT_EQ(marks(), (std::map<std::string, bool>{
                         {"2026-01", false}, {"2026-02", true}, {"2026-03", true}}));
  submit("2026-02");
  submit("2026-03");
  EXPECT_EQ(marks(), (std::map<std::string, bool>{
                         {"2026-01", false}, {"2026-02", false}, {"2026-03", false}}));
  // A start moved into an earlier month that had no file (December) marks every month after it.
  model.apply({enrolment(model, 1, "approved", "2025-12-15", nullptr, 4)});
  EXPECT_EQ(marks(),
            (std::map<std::string, bool>{{"2026-01", true}, {"2026-02", true}, {"2026-03", true}}));
  const auto versions = model.pool().transact([&](pqxx::work& tx) {
    return repo::read_submissions(tx, kFed, programme).at("2026-03").version;
  });
  EXPECT_EQ(versions, 3);
}

TEST_F(MonthlyFiles, NamesMergeByVersionAndThePseudonymisedFileNamesNoOne) {
  feed(model, world(model));
  model.apply({event(model, "se.samverkan.enrolment.participant.changed.v1",
                     {{"participant_id", participant(1)},
                      {"organisation_id", organisation},
                      {"name", "Person One Renamed"},
                      {"email", "person1@example.org"},
                      {"gender", "woman"},
                      {"birth_year", 1980},
                      {"role", "officer"},
                      {"subject", nullptr},
                      {"version", 3}}),
               // An older version arriving late changes nothing.
               event(model, "se.samverkan.enrolment.participant.changed.v1",
                     {{"participant_id", participant(1)},
                      {"organisation_id", organisation},
                      {"name", "Person One Old"},
                      {"email", "person1@example.org"},
                      {"gender", "woman"},
                      {"birth_year", 1980},
                      {"role", "officer"},
                      {"subject", nullptr},
                      {"version", 2}})});
  const auto names = model.pool().transact(
      [&](pqxx::work& tx) { return repo::names_in_programme(tx, kFed, programme, std::nullopt); });
  EXPECT_EQ(names.at(participant(1)), "Person One Renamed");
  EXPECT_EQ(names.size(), 4u);
  const auto own = model.pool().transact([&](pqxx::work& tx) {
    return repo::names_in_programme(tx, kFed, programme, other_organisation);
  });
  EXPECT_EQ(own, (std::map<std::string, std::string>{{participant(2), "Person 2"}}));
  const auto elsewhere = model.pool().transact([&](pqxx::work& tx) {
    return repo::names_in_programme(tx, "fed-other", programme, std::nullopt);
  });
  EXPECT_TRUE(elsewhere.empty());

  const auto with_names = file(model, "2026-01", {',', nullptr, &names});
  EXPECT_NE(with_names.find(participant(1) + ",Person One Renamed," + organisation),
            std::string::npos)
      << with_names;
  const Pseudonymiser key(std::string(40, 's'));
  for (const char* month : {"2026-01", "2026-02", "2026-03"}) {
    const auto hidden = file(model, month, {',', &key});
    for (int n = 1; n <= 4; ++n) {
      EXPECT_EQ(hidden.find(participant(n)), std::string::npos);
      EXPECT_EQ(hidden.find("Person " + std::to_string(n)), std::string::npos);
    }
    EXPECT_EQ(hidden.find("Person One"), std::string::npos);
    EXPECT_EQ(hidden.find("@example.org"), std::string::npos);
  }
  EXPECT_NE(file(model, "2026-01", {',', &key}).find(key.pseudonym(participant(1))),
            std::string::npos);
}

TEST_F(MonthlyFiles, AnotherFederationsProgrammeIsUnknown) {
  feed(model, world(model));
  model.pool().transact([&](pqxx::work& tx) {
    EXPECT_TRUE(repo::programme_known(tx, kFed, programme));
    EXPECT_FALSE(repo::programme_known(tx, "fed-other", programme));
    EXPECT_TRUE(repo::month_file_hashes(tx, "fed-other", programme).empty());
  });
}

}  // namespace
}  // namespace samverkan::reporting::test
