// Sensitive categories against the real PostgreSQL (ADR 0070), through the code the routes run: the
// facts are taken only where a programme of the participant collects them; the cohort's counts
// are republished in the transaction of every change that moves them (a fact, an approval, a
// withdrawal) and of nothing else; and no event payload, audit row or log line holds a person's
// value.
#include <samverkan/log/log.hpp>

#include "../app/sensitive_commands.hpp"
#include "../consumers/programme_event.hpp"
#include "store_fixture.hpp"

namespace samverkan::enrolment {
namespace {

using test::clock_now;
using test::store_admin;

const FederationId kFed("ostergotland");
const char* kCountsType = "se.samverkan.enrolment.sensitive_counts.changed.v1";

SensitiveFacts answers() {
  return {{FactState::Answered, true}, {FactState::Answered, false}, {FactState::Declined, {}}};
}

class SensitiveStore : public test::StoreFixture {
 protected:
  SensitiveStore() : StoreFixture(4) {}

  // A running cohort of a programme that does (or does not) collect sensitive categories.
  CohortId cohort_of_programme(bool collects) {
    const ids::ProgrammeId programme(events::new_event_id());
    const CohortId cohort(events::new_event_id());
    const Date today = day_of(clock_now());
    pool_.transact([&](pqxx::work& tx) {
      repo::store_programme(tx, {programme, kFed, 0, std::nullopt, false, collects, 1});
      repo::store_cohort(
          tx, {{cohort, kFed, today - std::chrono::days(10), today + std::chrono::days(100)},
               programme,
               "Cohort",
               1});
    });
    return cohort;
  }

  Result<SensitiveFactsRecord> record(const ParticipantId& who, const SensitiveFacts& facts) {
    return setup([&](writepath::UnitOfWork& uow) {
      return app::record_sensitive_facts(uow, who, facts, store_admin(), clock_now());
    });
  }

  void approve(const EnrolmentId& id) {
    setup([&](writepath::UnitOfWork& uow) {
      EXPECT_TRUE(app::approve_enrolment(uow, id, store_admin(), clock_now).ok());
      return 0;
    });
  }

  // The counts events of a cohort, in order: (version, disability counts
  // yes/no/declined/not_asked).
  std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> counts_events(
      const CohortId& cohort) {
    return pool_.transact([&](pqxx::work& tx) {
      std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> out;
      for (const auto& r : tx.exec_params("SELECT payload::text FROM outbox WHERE type = $1 AND "
                                          "aggregateid = $2 ORDER BY seq",
                                          kCountsType, cohort.str())) {
        const auto data = boost::json::parse(r[0].as<std::string>()).as_object();
        const auto& d = data.at("counts").at("disability").as_object();
        out.push_back({data.at("version").as_int64(),
                       {d.at("yes").as_int64(), d.at("no").as_int64(), d.at("declined").as_int64(),
                        d.at("not_asked").as_int64()}});
      }
      return out;
    });
  }

  using Counts = std::vector<std::int64_t>;
};

TEST_F(SensitiveStore, TheProgrammeReplicaKeepsTheSwitchAndTheStartRuleByVersion) {
  const auto cohort = cohort_of_programme(false);
  const auto id = enrol(cohort);
  const auto who = stored(id).participant;
  const auto programme = pool_.transact([&](pqxx::work& tx) {
    return tx.exec_params("SELECT programme_id FROM cohorts WHERE id = $1", cohort.str())[0][0]
        .as<std::string>();
  });
  const auto changed = [&](bool on, std::int64_t version) {
    return boost::json::object{{"federation_id", kFed.str()}, {"programme_id", programme},
                               {"min_electives", 0},          {"max_electives", nullptr},
                               {"start_on_approval", on},     {"sensitive_categories", on},
                               {"version", version}};
  };
  pool_.transact([&](pqxx::work& tx) {
    EXPECT_TRUE(repo::store_programme(tx, programme_row_from(changed(true, 2))));
    EXPECT_FALSE(repo::store_programme(tx, programme_row_from(changed(false, 1))));  // older
    EXPECT_TRUE(repo::starts_on_approval(tx, kFed, cohort));
    EXPECT_TRUE(repo::sensitive_categories_collected(tx, kFed, who));
  });
}

TEST_F(SensitiveStore, TakenOnlyWhereAProgrammeOfTheParticipantCollectsThem) {
  const auto id = enrol(cohort_of_programme(false));
  const auto who = stored(id).participant;
  const auto refused = record(who, answers());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, DomainError::Kind::Conflict);

  // An enrolment of the same person in a collecting programme opens them.
  const auto collecting = cohort_of_programme(true);
  setup([&](writepath::UnitOfWork& uow) {
    return app::request_enrolment(uow, who, collecting, store_admin(),
                                  EnrolmentId(events::new_event_id()), clock_now())
        .ok();
  });
  const auto recorded = record(who, answers());
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded.value().version, 1);
  const auto view = pool_.transact(
      [&](pqxx::work& tx) { return app::sensitive_facts_of(tx, who, store_admin()); });
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view.value().collected);
  EXPECT_EQ(view.value().record.facts, answers());
  // Another organisation's coordinator finds no such participant.
  const Actor stranger{
      "coord-2", kFed, {auth::Role::OrgCoordinator}, OrganisationId(events::new_event_id()), {}};
  const auto hidden =
      pool_.transact([&](pqxx::work& tx) { return app::sensitive_facts_of(tx, who, stranger); });
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().kind, DomainError::Kind::NotFound);
}

TEST_F(SensitiveStore, CountsMoveWithFactsApprovalsAndWithdrawalsAndNothingElse) {
  const auto cohort = cohort_of_programme(true);
  const auto first = enrol(cohort);
  const auto second = enrol(cohort);
  EXPECT_TRUE(counts_events(cohort).empty());  // requests move no count

  approve(first);
  ASSERT_EQ(stored(first).status, EnrolmentStatus::Approved);
  EXPECT_EQ(counts_events(cohort).back(), std::make_pair(std::int64_t{1}, Counts{0, 0, 0, 1}));

  ASSERT_TRUE(record(stored(first).participant, answers()).ok());
  EXPECT_EQ(counts_events(cohort).back(), std::make_pair(std::int64_t{2}, Counts{1, 0, 0, 0}));
  ASSERT_TRUE(record(stored(first).participant, answers()).ok());  // the same again
  // A pending person's facts are recorded but not counted.
  ASSERT_TRUE(record(stored(second).participant, answers()).ok());
  EXPECT_EQ(counts_events(cohort).size(), 2u);

  approve(second);
  EXPECT_EQ(counts_events(cohort).back(), std::make_pair(std::int64_t{3}, Counts{2, 0, 0, 0}));

  setup([&](writepath::UnitOfWork& uow) {
    EXPECT_TRUE(app::withdraw_enrolment(uow, first, {day_of(clock_now()), "moved away"},
                                        store_admin(), clock_now)
                    .ok());
    return 0;
  });
  EXPECT_EQ(counts_events(cohort).back(), std::make_pair(std::int64_t{4}, Counts{1, 0, 0, 0}));
  EXPECT_EQ(counts_events(cohort).size(), 4u);
}

TEST_F(SensitiveStore, NoPersonsValueInAnyEventAuditRowOrLogLine) {
  const auto cohort = cohort_of_programme(true);
  const auto id = enrol(cohort);
  approve(id);
  const auto who = stored(id).participant;
  log::init("enrolment", "trace");
  ::testing::internal::CaptureStdout();
  http::Request request;
  request.method = http::Method::Put;
  request.path = "/v1/participants/" + who.str() + "/sensitive-facts";
  request.target = request.path;
  request.body = R"({"disability": {"state": "answered", "value": true}})";
  const auto answer = path_.run(request, principal_, [&](writepath::UnitOfWork& uow) {
    const auto r = app::record_sensitive_facts(uow, who, answers(), store_admin(), clock_now());
    EXPECT_TRUE(r.ok());
    return writepath::WriteResult{200, boost::json::object{{"version", r.value().version}}, ""};
  });
  const auto logged = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(answer.status, 200);
  for (const char* word : {"disability", "foreign_background", "minority", "declined"}) {
    EXPECT_EQ(logged.find(word), std::string::npos) << word;
  }

  pool_.transact([&](pqxx::work& tx) {
    // Every event: either about the cohort's counts (naming no participant), or free of the
    // categories altogether.
    for (const auto& r : tx.exec("SELECT type, payload::text FROM outbox")) {
      const auto type = r[0].as<std::string>();
      const auto payload = r[1].as<std::string>();
      if (type == kCountsType) {
        EXPECT_EQ(payload.find(who.str()), std::string::npos);
      } else {
        EXPECT_EQ(payload.find("disability"), std::string::npos) << type;
      }
    }
    // The audit entry: the participant's id and versions, no reason.
    const auto rows = tx.exec_params(
        "SELECT entity_type, entity_id, version_after, reason FROM audit_log "
        "WHERE action = 'sensitive_facts.recorded'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].as<std::string>(), "sensitive_facts");
    EXPECT_EQ(rows[0][1].as<std::string>(), who.str());
    EXPECT_EQ(rows[0][2].as<std::int64_t>(), 1);
    EXPECT_TRUE(rows[0][3].is_null());
    for (const auto& r : tx.exec("SELECT coalesce(reason, '') FROM audit_log")) {
      EXPECT_EQ(r[0].as<std::string>().find("disab"), std::string::npos);
    }
  });
}

}  // namespace
}  // namespace samverkan::enrolment
