#include "read_model_fixture.hpp"

#include <cstdio>
#include <pqxx/pqxx>
#include <samverkan/db/migrate.hpp>
#include <samverkan/testing/infra.hpp>
#include <stdexcept>

#include "../repo/as_of.hpp"

namespace samverkan::reporting::test {

namespace {
const std::filesystem::path kSchemas = SAMVERKAN_SCHEMAS_DIR;

void exec(const std::string& sql) {
  pqxx::connection conn(samverkan::testing::infra().database_url);
  pqxx::nontransaction tx(conn);
  tx.exec(sql);
}
}  // namespace

std::string uuid(int kind, int n) {
  char text[37];
  std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012x", kind, n);
  return text;
}

ReadModel::ReadModel()
    : schema_(samverkan::testing::unique_name("reporting")), registry_(kSchemas / "events") {
  const auto& url = samverkan::testing::infra().database_url;
  db::migrate(url, schema_, kSchemas / "sql" / "common");
  db::migrate(url, schema_, kSchemas / "sql" / "reporting");
  pool_ = std::make_unique<db::Pool>(url, schema_, 2);
  repo::refresh_asof_views(*pool_);  // as the service does at start, after its migrations
  outbox_ = std::make_unique<events::Outbox>(registry_, "/samverkan/reporting");
  handlers_ = read_model_handlers(
      [this](pqxx::work& tx, const CompletionChanged& change) { outbox_->append(tx, change); });
}

ReadModel::~ReadModel() {
  pool_.reset();
  try {
    exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    exec("DROP SCHEMA IF EXISTS " + schema_ + "_asof CASCADE");
  } catch (const std::exception&) {
    // A leftover schema in the throwaway database is harmless.
  }
}

events::Event ReadModel::event(const std::string& type, boost::json::object data) {
  registry_.validate(type, data, events::Strictness::Producer);
  events::Event e;
  e.id = uuid(kEventId, ++next_event_);
  e.type = type;
  e.source = "/samverkan/test";
  e.time = "2026-01-01T00:00:00.000Z";
  e.data = std::move(data);
  return e;
}

void ReadModel::apply(const std::vector<events::Event>& batch) {
  pool_->transact([&](pqxx::work& tx) {
    for (const auto& e : batch) {
      bool handled = false;
      for (const auto& [type, handler] : handlers_) {
        if (type == e.type) {
          handler(tx, e);
          handled = true;
        }
      }
      if (!handled) throw std::logic_error("no handler for " + e.type);
    }
  });
}

void ReadModel::clear() {
  pool_->transact([](pqxx::work& tx) {
    tx.exec(
        "TRUNCATE organisations, participants, cohorts, modules, sessions, enrolments, "
        "attendance, participant_module_totals, cohort_organisation_totals, session_totals, "
        "cohort_session_totals, programmes, participant_completions, entry_facts, outbox, "
        "row_history");
  });
}

std::vector<std::string> ReadModel::totals() {
  return pool_->transact([](pqxx::work& tx) {
    std::vector<std::string> lines;
    const auto rows = tx.exec(
        "SELECT 'participant x module ' || participant_id || ' ' || module_id || ' ' || "
        "  federation_id, present, late, excused, absent, other, minutes, 0, 0"
        " FROM participant_module_totals"
        " UNION ALL SELECT 'cohort x organisation ' || cohort_id || ' ' || organisation_id || ' ' "
        "||"
        "  federation_id, present, late, excused, absent, other, minutes, enrolled, withdrawn"
        " FROM cohort_organisation_totals"
        " UNION ALL SELECT 'session ' || session_id || ' ' || cohort_id || ' ' || federation_id,"
        "  present, late, excused, absent, other, minutes, 0, 0 FROM session_totals"
        " UNION ALL SELECT 'cohort sessions ' || cohort_id || ' ' || federation_id, 0, 0, 0, 0, 0,"
        "  0, scheduled, cancelled FROM cohort_session_totals"
        // A completion as the date it was reached (YYYYMMDD); not complete == no row.
        " UNION ALL SELECT 'completion ' || participant_id || ' ' || cohort_id || ' ' ||"
        "  federation_id, to_char(completed_on, 'YYYYMMDD')::bigint, 0, 0, 0, 0, 0, 0, 0"
        " FROM participant_completions WHERE complete"
        " ORDER BY 1");
    for (const auto& row : rows) {
      std::string figures;
      bool zero = true;
      for (int i = 1; i < 9; ++i) {
        figures += " " + row[i].as<std::string>();
        zero = zero && row[i].as<std::int64_t>() == 0;
      }
      if (!zero) lines.push_back(row[0].as<std::string>() + ":" + figures);  // zero == no row
    }
    return lines;
  });
}

}  // namespace samverkan::reporting::test
