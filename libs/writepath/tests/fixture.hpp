#pragma once
// A scratch schema with the common migrations (outbox, audit, idempotency) and a scratch table
// "things" (id, federation_id, name unique, version), plus a WritePath over it.
#include <gtest/gtest.h>

#include <memory>
#include <samverkan/auth/principal.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/outbox.hpp>
#include <samverkan/events/schema_registry.hpp>
#include <samverkan/writepath/write_path.hpp>
#include <string>

namespace samverkan::writepath::test {

// A typed event with a schema in the catalogue, standing in for a service's own.
struct ThingCreated {
  static constexpr std::string_view kType = "se.samverkan.modules.programme.created.v1";
  static constexpr std::string_view kAggregateType = "programme";
  std::string federation, id, title;
  [[nodiscard]] std::string aggregate_id() const { return id; }
  [[nodiscard]] boost::json::object data() const {
    return {{"federation_id", federation},
            {"programme_id", id},
            {"title", title},
            {"funder", nullptr},
            {"version", 1}};
  }
};

class WritePathTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  long long scalar(const std::string& sql);
  void exec(const std::string& sql);
  static http::Request post(const std::string& path, const std::string& body,
                            const std::string& key = "");
  // A Work that inserts a thing named after the body's "name", emits ThingCreated and audits it.
  Work create_thing(const std::string& name);

  std::string schema_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<events::SchemaRegistry> registry_;
  std::unique_ptr<events::Outbox> outbox_;
  std::unique_ptr<WritePath> path_;
  auth::Principal admin_{"user-1", "fed-a", {auth::Role::FederationAdmin}, std::nullopt};
};

}  // namespace samverkan::writepath::test
