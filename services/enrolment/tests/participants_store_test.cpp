// Participant import, entry facts and the login link against the real PostgreSQL, through the
// same code the routes run (app/participant_commands.cpp inside writepath::WritePath): an import
// is all or nothing, a second run of the same file changes nothing, a dry run writes nothing, and
// once a participant has started a change of its entry facts is a correction with its reason in
// the audit trail. Also measures import throughput (printed, not asserted).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <iostream>
#include <latch>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/testing/infra.hpp>
#include <samverkan/writepath/write_path.hpp>
#include <thread>

#include "../app/commands.hpp"
#include "../app/participant_commands.hpp"
#include "../domain/csv_records.hpp"
#include "../repo/repo.hpp"

namespace samverkan::enrolment {
namespace {

const FederationId kFed("ostergotland");

Timestamp clock_now() {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}
int this_year() {
  return static_cast<int>(std::chrono::year_month_day{day_of(clock_now())}.year());
}

Actor admin() { return {"admin-1", kFed, {auth::Role::FederationAdmin}, {}}; }
Actor coordinator_of(const OrganisationId& org) {
  return {"coord-1", kFed, {auth::Role::OrgCoordinator}, org};
}

class ParticipantStore : public ::testing::Test {
 protected:
  ParticipantStore()
      : schema_(testing::unique_name("enrolment_participants")),
        pool_(migrated(schema_), schema_, 4),
        registry_(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"),
        outbox_(registry_, "/samverkan/enrolment"),
        path_(pool_, outbox_, "enrolment") {
    org_ = organisation("212000-0449");
    other_org_ = organisation("212000-1355");
  }

  ~ParticipantStore() override {
    try {
      pqxx::connection conn(testing::infra().database_url);
      pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // A leftover schema in the throwaway database is harmless.
    }
  }

  static std::string migrated(const std::string& schema) {
    const auto& url = testing::infra().database_url;
    const std::filesystem::path sql = std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql";
    db::migrate(url, schema, sql / "common");
    db::migrate(url, schema, sql / "enrolment");
    return url;
  }

  OrganisationId organisation(const std::string& number) {
    const OrganisationId id(events::new_event_id());
    write([&](writepath::UnitOfWork& uow) {
      EXPECT_TRUE(
          app::register_organisation(uow, {"Kommun", number, "municipality"}, admin(), id).ok());
      return writepath::WriteResult{201, boost::json::object{}, ""};
    });
    return id;
  }

  // One write through the write path, as a route runs it; a domain refusal is thrown as a problem
  // with the domain's status.
  int write(const writepath::Work& work) {
    http::Request request;
    request.method = http::Method::Post;
    request.path = "/v1/test";
    request.target = request.path;
    try {
      return path_.run(request, principal_, work).status;
    } catch (const http::Problem& problem) {
      return problem.status();
    }
  }

  template <class T>
  static T or_throw(Result<T> result) {
    if (!result.ok()) {
      const auto kind = result.error().kind;
      throw http::Problem(kind == DomainError::Kind::NotFound   ? 404
                          : kind == DomainError::Kind::Invalid  ? 422
                          : kind == DomainError::Kind::Conflict ? 409
                                                                : 403,
                          "refused", "refused", result.error().message);
    }
    return std::move(result).value();
  }

  ImportPlan plan_of(const std::string& csv, const OrganisationId& org) {
    const auto records = read_csv_records(csv);
    EXPECT_FALSE(records.error);
    return read_import(records.records, org, this_year());
  }

  // Runs an import through the write path: the answer's status and the report.
  std::pair<int, app::ImportReport> import(const std::string& csv, bool dry_run = false,
                                           const Actor& actor = admin(),
                                           std::optional<OrganisationId> into = std::nullopt) {
    const auto org = into.value_or(org_);
    const auto plan = plan_of(csv, org);
    EXPECT_TRUE(plan.errors.empty());
    app::ImportReport report;
    const int status = write([&](writepath::UnitOfWork& uow) {
      report = or_throw(app::import_participants(
          uow, org, plan, actor, dry_run, [] { return ParticipantId(events::new_event_id()); },
          clock_now()));
      return writepath::WriteResult{201, boost::json::object{}, ""};
    });
    return {status, report};
  }

  std::int64_t count(const std::string& sql) {
    return pool_.transact([&](pqxx::work& tx) { return tx.exec(sql)[0][0].as<std::int64_t>(); });
  }

  std::string schema_;
  db::Pool pool_;
  events::SchemaRegistry registry_;
  events::Outbox outbox_;
  writepath::WritePath path_;
  auth::Principal principal_{"admin-1", "ostergotland", {auth::Role::FederationAdmin}, {}};
  OrganisationId org_, other_org_;
};

std::string rows(int n, const std::string& prefix = "p") {
  std::string csv = "name;email;gender;birth_year;employment_status;education_level;subject\n";
  for (int i = 0; i < n; ++i) {
    csv += "Person " + std::to_string(i) + ";" + prefix + std::to_string(i) +
           "@example.se;woman;1980;employed;isced_5_8;\n";
  }
  return csv;
}

TEST_F(ParticipantStore, ImportCreatesParticipantsFactsEventsAndOneAuditEntryEach) {
  const auto [status, report] = import(rows(3));
  EXPECT_EQ(status, 201);
  EXPECT_EQ(report.created.size(), 3u);
  EXPECT_EQ(count("SELECT count(*) FROM participants WHERE organisation_id = '" + org_.str() + "'"),
            3);
  EXPECT_EQ(count("SELECT count(*) FROM entry_facts WHERE employment_value = 'employed'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE type = "
                  "'se.samverkan.enrolment.participant.registered.v1'"),
            3);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE type = "
                  "'se.samverkan.enrolment.entry_facts.recorded.v1'"),
            3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'participant.registered'"), 3);
}

TEST_F(ParticipantStore, TheSameFileTwiceChangesNothingTheSecondTime) {
  ASSERT_EQ(import(rows(5)).first, 201);
  const auto outbox_before = count("SELECT count(*) FROM outbox");
  const auto audit_before = count("SELECT count(*) FROM audit_log");
  const auto [status, report] = import(rows(5));
  EXPECT_EQ(status, 201);  // the route answers 200 for this; the test's work always says 201
  EXPECT_TRUE(report.created.empty());
  EXPECT_EQ(report.existing_lines, (std::vector<std::size_t>{2, 3, 4, 5, 6}));
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 5);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), outbox_before);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audit_before);
  // A file that overlaps adds only the new rows.
  EXPECT_EQ(import(rows(7)).second.created.size(), 2u);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 7);
}

TEST_F(ParticipantStore, ADryRunWritesNothing) {
  const auto [status, report] = import(rows(4), true);
  EXPECT_EQ(status, 201);
  EXPECT_EQ(report.created.size(), 4u);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM entry_facts"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE aggregatetype = 'participant'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'participant.registered'"), 0);
}

TEST_F(ParticipantStore, AClashInTheDatabaseLeavesNothingHalfApplied) {
  // A subject already linked to someone else is found only by the database's unique index, in
  // the middle of the insert: the whole import is refused and rolled back.
  ASSERT_EQ(
      import("name;email;gender;birth_year;subject\nA;a@example.se;man;1980;sub-taken\n").first,
      201);
  const std::string csv =
      "name;email;gender;birth_year;subject\n"
      "B;b@example.se;man;1980;sub-b\n"
      "C;c@example.se;man;1980;sub-taken\n"
      "D;d@example.se;man;1980;\n";
  EXPECT_EQ(import(csv).first, 409);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM entry_facts"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE aggregatetype = 'participant'"), 2);
}

TEST_F(ParticipantStore, ConcurrentImportsOfOneFileCreateEachParticipantOnce) {
  constexpr int kRacers = 3;
  const auto csv = rows(200);
  std::latch start(kRacers);
  std::vector<std::pair<int, app::ImportReport>> results(kRacers);
  std::vector<std::thread> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = import(csv);
    });
  }
  for (auto& t : racers) t.join();
  std::size_t created = 0;
  for (const auto& [status, report] : results) {
    EXPECT_EQ(status, 201);  // none fails: each waits for the one before and finds its rows
    created += report.created.size();
    EXPECT_TRUE(report.created.empty() || report.created.size() == 200u);
  }
  EXPECT_EQ(created, 200u);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 200);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'participant.registered'"), 200);
}

TEST_F(ParticipantStore, AnImportDoesNotHoldUpARegistrationInTheOrganisation) {
  // The import's lock is its own: a registration in the same organisation, in another transaction
  // while the import's is open, goes through without waiting.
  pqxx::connection importing(testing::infra().database_url);
  pqxx::work tx(importing);
  tx.exec("SET search_path TO " + schema_);
  ASSERT_TRUE(repo::lock_organisation_for_import(tx, kFed, org_));
  const ParticipantId id(events::new_event_id());
  EXPECT_EQ(write([&](writepath::UnitOfWork& uow) {
              // Were it to wait, it would wait forever (the import's transaction is held right
              // here): the timeout turns that into a failure instead of a hang.
              uow.tx().exec("SET LOCAL lock_timeout = '5s'");
              const NewParticipant p{org_, "Eva", "eva@example.se", "woman", 1980, ""};
              or_throw(app::register_participant(uow, p, admin(), id));
              return writepath::WriteResult{201, boost::json::object{}, ""};
            }),
            201);
  tx.abort();
}

TEST_F(ParticipantStore, ACohortColumnRequestsEachEnrolmentOnce) {
  const CohortId cohort(events::new_event_id());
  const Date today = day_of(clock_now());
  pool_.transact([&](pqxx::work& tx) {
    repo::store_cohort(
        tx, {{cohort, kFed, today - std::chrono::days(10), today + std::chrono::days(90)},
             ids::ProgrammeId(events::new_event_id()),
             "Cohort",
             1});
  });
  ASSERT_EQ(import("name;email;gender;birth_year\nA;a@example.se;man;1980\n").first, 201);
  const std::string csv =
      "name;email;gender;birth_year;cohort_id\n"
      "A;a@example.se;man;1980;" +
      cohort.str() +
      "\n"
      "B;b@example.se;woman;1985;" +
      cohort.str() +
      "\n"
      "C;c@example.se;woman;1985;\n";
  const auto dry = import(csv, true).second;
  EXPECT_EQ((std::pair{dry.created.size(), dry.enrolments_requested}), (std::pair{2ul, 2ul}));
  EXPECT_EQ(count("SELECT count(*) FROM enrolments"), 0);

  const auto [status, report] = import(csv);
  EXPECT_EQ(status, 201);
  EXPECT_EQ(report.created.size(), 2u);        // B and C; A was there
  EXPECT_EQ(report.enrolments_requested, 2u);  // A (existing) and B (new)
  EXPECT_EQ(count("SELECT count(*) FROM enrolments WHERE cohort_id = '" + cohort.str() + "'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'enrolment.requested'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE type = "
                  "'se.samverkan.enrolment.enrolment.requested.v1'"),
            2);

  const auto again = import(csv).second;  // the same file: nobody created, nobody enrolled again
  EXPECT_TRUE(again.created.empty());
  EXPECT_EQ((std::pair{again.enrolments_requested, again.already_enrolled}), (std::pair{0ul, 2ul}));
  EXPECT_EQ(count("SELECT count(*) FROM enrolments"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'enrolment.requested'"), 2);
}

TEST_F(ParticipantStore, RowsNamingAnUnknownCohortAreNamedByLine) {
  const CohortId elsewhere(events::new_event_id());  // in no replica of this federation
  pool_.transact([&](pqxx::work& tx) {
    repo::store_cohort(tx, {{elsewhere, FederationId("skane"), day_of(clock_now()),
                             day_of(clock_now()) + std::chrono::days(30)},
                            ids::ProgrammeId(events::new_event_id()),
                            "Another federation's cohort",
                            1});
  });
  auto plan = plan_of(
      "name;email;gender;birth_year;cohort_id\n"
      "A;a@example.se;man;1980;\n"
      "B;b@example.se;man;1980;" +
          elsewhere.str() + "\n",
      org_);
  pool_.transact([&](pqxx::work& tx) { app::check_import_cohorts(tx, admin(), plan); });
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ((std::pair{plan.errors[0].line, plan.errors[0].field}),
            (std::pair{std::size_t{3}, std::string("cohort_id")}));
  ASSERT_EQ(plan.rows.size(), 1u);
  EXPECT_EQ(plan.rows[0].line, 2u);
}

TEST_F(ParticipantStore, ACoordinatorImportsOnlyIntoItsOwnOrganisation) {
  EXPECT_EQ(import(rows(1), false, coordinator_of(org_), other_org_).first, 404);
  EXPECT_EQ(import(rows(1), true, coordinator_of(org_), other_org_).first, 404);
  const Actor stranger{"admin-9", FederationId("skane"), {auth::Role::FederationAdmin}, {}};
  EXPECT_EQ(import(rows(1), false, stranger).first, 404);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 0);
  EXPECT_EQ(import(rows(2), false, coordinator_of(org_)).first, 201);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), 2);
}

TEST_F(ParticipantStore, SameAddressInAnotherOrganisationIsAnotherPerson) {
  ASSERT_EQ(import(rows(2)).first, 201);
  EXPECT_EQ(import(rows(2), false, admin(), other_org_).second.created.size(), 2u);
}

class EntryFactsStore : public ParticipantStore {
 protected:
  // A participant registered with the legacy fields, enrolled in a cohort.
  ParticipantId registered() {
    const ParticipantId id(events::new_event_id());
    write([&](writepath::UnitOfWork& uow) {
      const NewParticipant p{org_, "Astrid", id.str() + "@example.se", "undisclosed", 1980, ""};
      auto created = or_throw(app::register_participant(uow, p, admin(), id));
      app::record_registration_facts(uow, created, facts_from_registration(p.gender, p.birth_year));
      const CohortId cohort(events::new_event_id());
      const Date today = day_of(clock_now());
      repo::store_cohort(
          uow.tx(), {{cohort, kFed, today - std::chrono::days(30), today + std::chrono::days(60)},
                     ids::ProgrammeId(events::new_event_id()),
                     "Cohort",
                     1});
      enrolment_ = EnrolmentId(events::new_event_id());
      EXPECT_TRUE(app::request_enrolment(uow, id, cohort, admin(), *enrolment_, clock_now()).ok());
      return writepath::WriteResult{201, boost::json::object{}, ""};
    });
    return id;
  }

  void start(const Date& on) {
    pool_.transact([&](pqxx::work& tx) {
      tx.exec_params("UPDATE enrolments SET started_on = $1::date WHERE id = $2", format_date(on),
                     enrolment_->str());
    });
  }

  int change(const ParticipantId& id, const EntryFacts& facts, const std::string& reason,
             const Actor& actor = admin()) {
    return write([&](writepath::UnitOfWork& uow) {
      or_throw(app::record_entry_facts(uow, id, {facts, reason}, actor, day_of(clock_now())));
      return writepath::WriteResult{200, boost::json::object{}, ""};
    });
  }

  EntryFactsRecord current(const ParticipantId& id) {
    return pool_.transact([&](pqxx::work& tx) {
      return or_throw(app::entry_facts_of(tx, id, admin(), day_of(clock_now())));
    });
  }

  std::optional<EnrolmentId> enrolment_;
};

EntryFacts employed() {
  auto f = facts_from_registration("woman", 1980);
  f.employment_status = Fact<std::string>::answered("employed", FactSource::TargetGroup);
  return f;
}

TEST_F(EntryFactsStore, RegistrationRecordsVersionOneFromTheLegacyFields) {
  const auto id = registered();
  const auto facts = current(id);
  EXPECT_EQ(facts.version, 1);
  EXPECT_EQ(facts.facts.gender.state, FactState::Declined);  // "undisclosed"
  EXPECT_EQ(facts.facts.birth_year.value, 1980);
  EXPECT_FALSE(facts.frozen_on);
}

TEST_F(EntryFactsStore, BeforeTheStartChangesAreNewVersionsWithoutReason) {
  const auto id = registered();
  EXPECT_EQ(change(id, employed(), ""), 200);
  EXPECT_EQ(change(id, employed(), ""), 200);  // the same again: no new version, no entry
  EXPECT_EQ(current(id).version, 2);
  EXPECT_EQ(current(id).facts, employed());
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'entry_facts' AND action = "
                  "'entry_facts.recorded' AND version_before = 1 AND version_after = 2"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'entry_facts'"), 1);
}

TEST_F(EntryFactsStore, AfterTheStartAChangeIsACorrectionWithItsReasonAudited) {
  const auto id = registered();
  const Date started = day_of(clock_now()) - std::chrono::days(3);
  start(started);
  EXPECT_EQ(current(id).frozen_on, started);
  EXPECT_EQ(change(id, employed(), ""), 422);  // no reason: refused, nothing stored
  EXPECT_EQ(current(id).version, 1);
  EXPECT_EQ(change(id, employed(), "the form was misread"), 200);
  EXPECT_EQ(current(id).version, 2);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'entry_facts.corrected' AND "
                  "reason = 'the form was misread' AND version_before = 1 AND version_after = 2"),
            1);
  // Every version is kept: the first record is still there, the correction carries the reason.
  EXPECT_EQ(count("SELECT count(*) FROM entry_facts WHERE participant_id = '" + id.str() + "'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM entry_facts WHERE reason = 'the form was misread' AND "
                  "frozen_on = '" +
                  format_date(started) + "'"),
            1);
  const auto payload = pool_.transact([&](pqxx::work& tx) {
    return tx
        .exec(
            "SELECT payload::text FROM outbox WHERE type = "
            "'se.samverkan.enrolment.entry_facts.recorded.v1' ORDER BY seq DESC LIMIT 1")[0][0]
        .as<std::string>();
  });
  const auto data = boost::json::parse(payload).as_object();
  EXPECT_EQ(data.at("version").as_int64(), 2);
  EXPECT_EQ(data.at("frozen_on").as_string(), format_date(started));
  EXPECT_EQ(data.at("facts").at("employment_status").at("source").as_string(), "target_group");
}

TEST_F(EntryFactsStore, AStartInTheFutureDoesNotFreeze) {
  const auto id = registered();
  start(day_of(clock_now()) + std::chrono::days(2));
  EXPECT_FALSE(current(id).frozen_on);
  EXPECT_EQ(change(id, employed(), ""), 200);
}

TEST_F(EntryFactsStore, AnotherOrganisationsCoordinatorFindsNoParticipant) {
  const auto id = registered();
  EXPECT_EQ(change(id, employed(), "", coordinator_of(other_org_)), 404);
  EXPECT_EQ(change(id, employed(), "", coordinator_of(org_)), 200);
}

TEST_F(EntryFactsStore, TheLoginLinkIsFoundBySubjectAndUniqueInTheFederation) {
  const auto first = registered();
  const auto second = registered();
  auto link = [&](const ParticipantId& id, std::optional<std::string> subject) {
    return write([&](writepath::UnitOfWork& uow) {
      or_throw(app::link_subject(uow, id, subject, admin()));
      return writepath::WriteResult{200, boost::json::object{}, ""};
    });
  };
  EXPECT_EQ(link(first, "sub-astrid"), 200);
  EXPECT_EQ(link(first, "sub-astrid"), 200);  // unchanged: no version, no event
  EXPECT_EQ(link(second, "sub-astrid"), 409);
  const auto found = pool_.transact(
      [&](pqxx::work& tx) { return repo::find_participant_by_subject(tx, kFed, "sub-astrid"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, first);
  EXPECT_EQ(found->version, 2);
  EXPECT_FALSE(pool_.transact([&](pqxx::work& tx) {
    return repo::find_participant_by_subject(tx, FederationId("skane"), "sub-astrid");
  }));
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE type = "
                  "'se.samverkan.enrolment.participant.changed.v1'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'participant.linked'"), 1);
  EXPECT_EQ(link(first, std::nullopt), 200);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'participant.unlinked' AND "
                  "version_before = 2 AND version_after = 3"),
            1);
}

// Throughput of the import route's work (no HTTP): printed for the report, never asserted.
TEST_F(ParticipantStore, TenThousandRowsImportInOneTransaction) {
  const auto csv = rows(static_cast<int>(kMaxImportRows), "bulk");
  const auto started = std::chrono::steady_clock::now();
  const auto [status, report] = import(csv);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(status, 201);
  EXPECT_EQ(report.created.size(), kMaxImportRows);
  EXPECT_EQ(count("SELECT count(*) FROM participants"), static_cast<std::int64_t>(kMaxImportRows));
  std::cout << "import: " << kMaxImportRows << " rows in " << took.count()
            << " s = " << static_cast<long>(kMaxImportRows / took.count()) << " rows/s\n";
}

}  // namespace
}  // namespace samverkan::enrolment
