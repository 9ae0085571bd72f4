// The startup check that every emitted type has a schema.
#include <gtest/gtest.h>

#include <samverkan/events/typed_event.hpp>

namespace samverkan::events {
namespace {

struct Known {
  static constexpr std::string_view kType = "se.samverkan.modules.session.changed.v1";
  static constexpr std::string_view kAggregateType = "session";
  [[nodiscard]] std::string aggregate_id() const { return "x"; }
  [[nodiscard]] boost::json::object data() const { return {}; }
};

struct Unknown {
  static constexpr std::string_view kType = "se.samverkan.modules.session.teleported.v1";
  static constexpr std::string_view kAggregateType = "session";
  [[nodiscard]] std::string aggregate_id() const { return "x"; }
  [[nodiscard]] boost::json::object data() const { return {}; }
};

static_assert(TypedEvent<Known>);
static_assert(!TypedEvent<int>);

TEST(TypedEvent, RequireSchemasNamesTheMissingType) {
  SchemaRegistry registry(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  EXPECT_NO_THROW(require_schemas<Known>(registry));
  try {
    require_schemas<Known, Unknown>(registry);
    FAIL() << "a type without a schema passed";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("teleported"), std::string::npos);
  }
}

}  // namespace
}  // namespace samverkan::events
