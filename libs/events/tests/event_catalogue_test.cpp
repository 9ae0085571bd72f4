// The committed event catalogue (schemas/events) loads, names its types by the convention, and
// keeps each type on its subdomain's topic.
#include <gtest/gtest.h>

#include <regex>
#include <samverkan/events/schema_registry.hpp>

namespace samverkan::events {
namespace {

TEST(EventCatalogue, LoadsAndFollowsNamingConvention) {
  SchemaRegistry registry(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  const std::regex name("^se\\.samverkan\\.([a-z]+)\\.[a-z_]+\\.[a-z_]+\\.v[0-9]+$");
  ASSERT_GE(registry.types().size(), 9u);
  for (const auto& type : registry.types()) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(type, m, name)) << type;
    EXPECT_EQ(registry.topic_for(type), "samverkan." + m[1].str()) << type;
  }
}

TEST(EventCatalogue, EverySchemaRequiresTheFederation) {
  SchemaRegistry registry(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  for (const auto& type : registry.types()) {
    EXPECT_THROW(registry.validate(type, boost::json::object{}), SchemaViolation) << type;
  }
}

}  // namespace
}  // namespace samverkan::events
