#include "fixture.hpp"

#include <samverkan/db/migrate.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/testing/infra.hpp>

namespace samverkan::writepath::test {

void WritePathTest::SetUp() {
  const auto& infra = testing::infra();
  schema_ = testing::unique_name("writepath_it");
  db::migrate(infra.database_url, schema_,
              std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql" / "common");
  pool_ = std::make_unique<db::Pool>(infra.database_url, schema_, 6);
  registry_ = std::make_unique<events::SchemaRegistry>(
      std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  outbox_ = std::make_unique<events::Outbox>(*registry_, "/samverkan/test");
  path_ = std::make_unique<WritePath>(*pool_, *outbox_, "test");
  exec(
      "CREATE TABLE things (id uuid PRIMARY KEY, federation_id text NOT NULL, name text NOT NULL "
      "UNIQUE,"
      " version bigint NOT NULL DEFAULT 1)");
}

void WritePathTest::TearDown() {
  path_.reset();
  pool_.reset();
  pqxx::connection conn(testing::infra().database_url);
  pqxx::work tx(conn);
  tx.exec("DROP SCHEMA IF EXISTS " + tx.quote_name(schema_) + " CASCADE");
  tx.commit();
}

long long WritePathTest::scalar(const std::string& sql) {
  return pool_->transact([&](pqxx::work& tx) { return tx.exec(sql)[0][0].as<long long>(); });
}

void WritePathTest::exec(const std::string& sql) {
  pool_->transact([&](pqxx::work& tx) { tx.exec(sql); });
}

http::Request WritePathTest::post(const std::string& path, const std::string& body,
                                  const std::string& key) {
  http::Request request;
  request.method = http::Method::Post;
  request.path = path;
  request.target = path;
  request.body = body;
  if (!key.empty()) request.headers["idempotency-key"] = key;
  return request;
}

Work WritePathTest::create_thing(const std::string& name) {
  return [name](UnitOfWork& uow) {
    const std::string id = events::new_event_id();
    uow.on_unique_violation("a thing with that name exists");
    uow.tx().exec_params("INSERT INTO things (id, federation_id, name) VALUES ($1, $2, $3)", id,
                         uow.federation(), name);
    uow.emit(ThingCreated{uow.federation(), id, name});
    uow.audit({.action = "thing.created",
               .entity_type = "thing",
               .entity_id = id,
               .version_before = std::nullopt,
               .version_after = 1,
               .reason = Reason::none()});
    return WriteResult{201, boost::json::object{{"id", id}, {"name", name}}, "/v1/things/" + id};
  };
}

}  // namespace samverkan::writepath::test
