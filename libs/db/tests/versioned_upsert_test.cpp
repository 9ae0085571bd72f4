// upsert_if_newer against the real PostgreSQL: any delivery order ends at the highest version.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <samverkan/db/pool.hpp>
#include <samverkan/db/versioned_upsert.hpp>
#include <samverkan/testing/infra.hpp>

#include "scratch_schema.hpp"

namespace samverkan::db {
namespace {

using test::ScratchSchema;

const char* kId = "6f1d3c2a-0000-4000-8000-000000000001";

VersionedRow session(std::int64_t version, const std::string& status,
                     std::optional<std::string> note) {
  return {"replica", "id", {{"id", kId}, {"status", status}, {"note", std::move(note)}}, version};
}

struct Stored {
  std::int64_t version;
  std::string status;
  bool note_is_null;
};

Stored stored(Pool& pool) {
  return pool.transact([](pqxx::work& tx) {
    const auto row =
        tx.exec_params("SELECT version, status, note IS NULL FROM replica WHERE id = $1", kId)[0];
    return Stored{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<bool>()};
  });
}

class VersionedUpsert : public ::testing::Test {
 protected:
  VersionedUpsert() : pool(samverkan::testing::infra().database_url, schema.name(), 2) {
    schema.exec(
        "CREATE TABLE " + schema.name() +
        ".replica (id uuid PRIMARY KEY, status text NOT NULL, note text, version bigint NOT NULL)");
  }
  bool apply(const VersionedRow& row) {
    return pool.transact([&](pqxx::work& tx) { return upsert_if_newer(tx, row); });
  }
  ScratchSchema schema{true};
  Pool pool;
};

TEST_F(VersionedUpsert, InsertsThenAppliesOnlyNewerVersions) {
  EXPECT_TRUE(apply(session(1, "scheduled", "first")));
  EXPECT_TRUE(apply(session(3, "cancelled", std::nullopt)));
  EXPECT_FALSE(apply(session(2, "scheduled", "late arrival")));  // older: ignored
  EXPECT_FALSE(apply(session(3, "scheduled", "same version")));  // a replay: ignored
  const auto now = stored(pool);
  EXPECT_EQ(now.version, 3);
  EXPECT_EQ(now.status, "cancelled");
  EXPECT_TRUE(now.note_is_null);  // nullopt wrote SQL NULL
}

TEST_F(VersionedUpsert, EveryDeliveryOrderEndsAtTheHighestVersion) {
  std::array<std::int64_t, 4> order{1, 2, 3, 4};
  do {
    schema.exec("DELETE FROM " + schema.name() + ".replica");
    for (const auto version : order)
      apply(session(version, "v" + std::to_string(version), std::nullopt));
    apply(session(order[0], "replayed", std::nullopt));  // a duplicate of whichever came first
    const auto now = stored(pool);
    EXPECT_EQ(now.version, 4);
    EXPECT_EQ(now.status, "v4");
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST_F(VersionedUpsert, RefusesMisuse) {
  EXPECT_THROW(apply({"replica", "id", {{"status", "x"}, {"id", kId}}, 1}),
               std::logic_error);  // key not first
  EXPECT_THROW(apply(session(0, "scheduled", std::nullopt)), std::logic_error);
}

}  // namespace
}  // namespace samverkan::db
