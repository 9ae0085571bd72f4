// The producer's own payload passes its schema as strictly as the outbox checks it.
#include <gtest/gtest.h>

#include <samverkan/events/schema_registry.hpp>
#include <samverkan/events/typed_event.hpp>

#include "../domain/attendance_recorded.hpp"

namespace samverkan::attendance {
namespace {

static_assert(events::TypedEvent<AttendanceRecorded>);

const events::SchemaRegistry& registry() {
  static const events::SchemaRegistry loaded(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) /
                                             "events");
  return loaded;
}

AttendanceRecorded event(std::optional<ids::ModuleId> module) {
  return AttendanceRecorded{Record{ids::RecordId("0b6e4c9e-8d3a-4f7e-9c1a-2f5d6e7a8b90"),
                                   ids::FederationId("ostergotland"),
                                   ids::SessionId("1c7f5dae-9e4b-4a8f-8d2b-3a6e7f8b9ca1"),
                                   ids::ParticipantId("2d8a6ebf-af5c-4b9a-9e3c-4b7f8a9cadb2"),
                                   Status::Late, 45, 3, "trainer-1", "2026-03-02T10:00:00.123Z"},
                            ids::CohortId("3e9b7fc0-b06d-4cab-af4d-5c8a9badbec3"),
                            std::move(module)};
}

TEST(AttendanceRecorded, PassesItsSchemaAsAProducer) {
  EXPECT_NO_THROW(
      registry().validate(std::string(AttendanceRecorded::kType),
                          event(ids::ModuleId("4fac80d1-c17e-4dbc-b05e-6d9bacbecfd4")).data(),
                          events::Strictness::Producer));
  EXPECT_NO_THROW(registry().validate(std::string(AttendanceRecorded::kType),
                                      event(std::nullopt).data(), events::Strictness::Producer));
  EXPECT_NO_THROW(events::require_schemas<AttendanceRecorded>(registry()));
}

TEST(AttendanceRecorded, CarriesTheRevisionAsVersion) {
  const auto data = event(std::nullopt).data();
  EXPECT_EQ(data.at("version").as_int64(), 3);
  EXPECT_EQ(data.at("revision").as_int64(), 3);
  EXPECT_EQ(data.at("status").as_string(), "late");
  EXPECT_EQ(data.at("source").as_string(), "manual");
  EXPECT_TRUE(data.at("module_id").is_null());
  EXPECT_EQ(event(std::nullopt).aggregate_id(), "0b6e4c9e-8d3a-4f7e-9c1a-2f5d6e7a8b90");
}

TEST(AttendanceRecorded, AManualMarkNamesNoImport) {
  const auto data = event(std::nullopt).data();
  EXPECT_FALSE(data.contains("import_id"));
  EXPECT_FALSE(data.contains("file_sha256"));
  EXPECT_FALSE(data.at("reason_given").as_bool());
}

TEST(AttendanceRecorded, AnImportedCorrectionNamesItsImportAndFile) {
  auto e = event(std::nullopt);
  e.record.source = Source::Import;
  e.record.reason = "meeting report";
  e.record.import = ImportRef{"5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", std::string(64, 'a')};
  const auto data = e.data();
  EXPECT_EQ(data.at("source").as_string(), "import");
  EXPECT_EQ(data.at("import_id").as_string(), "5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d");
  EXPECT_EQ(data.at("file_sha256").as_string(), std::string(64, 'a'));
  EXPECT_TRUE(data.at("reason_given").as_bool());
  // The reason's text is not carried: it stays in attendance's history.
  EXPECT_FALSE(data.contains("reason"));
  EXPECT_NO_THROW(registry().validate(std::string(AttendanceRecorded::kType), data,
                                      events::Strictness::Producer));
}

TEST(AttendanceRecorded, AnInvalidPayloadWouldBeCaught) {
  // The check above can fail: a payload outside the schema is refused.
  auto data = event(std::nullopt).data();
  data["minutes"] = 2000;
  EXPECT_THROW(registry().validate(std::string(AttendanceRecorded::kType), data,
                                   events::Strictness::Producer),
               events::SchemaViolation);
}

}  // namespace
}  // namespace samverkan::attendance
