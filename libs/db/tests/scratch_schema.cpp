#include "scratch_schema.hpp"

#include <pqxx/pqxx>
#include <samverkan/testing/infra.hpp>

namespace samverkan::db::test {

ScratchSchema::ScratchSchema(bool create) : name_(samverkan::testing::unique_name("dbtest")) {
  if (create) exec("CREATE SCHEMA " + name_);
}

ScratchSchema::~ScratchSchema() {
  try {
    exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  } catch (const std::exception&) {
    // A leftover schema in the throwaway database is harmless.
  }
}

long long ScratchSchema::scalar(const std::string& sql) const {
  pqxx::connection conn(samverkan::testing::infra().database_url);
  pqxx::nontransaction tx(conn);
  return tx.exec1(sql)[0].as<long long>();
}

void ScratchSchema::exec(const std::string& sql) const {
  pqxx::connection conn(samverkan::testing::infra().database_url);
  pqxx::nontransaction tx(conn);
  tx.exec(sql);
}

}  // namespace samverkan::db::test
