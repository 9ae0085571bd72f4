#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <samverkan/events/schema_registry.hpp>

namespace samverkan::events {
namespace {

const boost::json::value kSchema = boost::json::parse(R"({
  "type": "object", "additionalProperties": false, "required": ["id", "n"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "n": {"type": "integer", "minimum": 1, "maximum": 10},
    "kind": {"enum": ["a", "b"]},
    "when": {"type": "string", "format": "date-time"},
    "opt": {"type": ["string", "null"], "maxLength": 3},
    "tags": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[a-z]+$"}}
  }})");

void check(const char* json) { validate_against(kSchema, boost::json::parse(json), ""); }

TEST(SchemaValidation, AcceptsValidData) {
  EXPECT_NO_THROW(check(R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":3,"kind":"a",
    "when":"2026-04-01T10:00:00+02:00","opt":null,"tags":["x"]})"));
}

TEST(SchemaValidation, RejectsEachRule) {
  const char* id = R"("id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11")";
  auto with = [&](const std::string& extra) {
    return "{" + std::string(id) + R"(,"n":3)" + extra + "}";
  };
  EXPECT_THROW(check(R"({"n":3})"), SchemaViolation);                    // required
  EXPECT_THROW(check(R"({"id":"not-a-uuid","n":3})"), SchemaViolation);  // format
  EXPECT_THROW(check(("{" + std::string(id) + R"(,"n":"3"})").c_str()), SchemaViolation);  // type
  EXPECT_THROW(check(("{" + std::string(id) + R"(,"n":11})").c_str()), SchemaViolation);  // maximum
  EXPECT_THROW(check(("{" + std::string(id) + R"(,"n":0})").c_str()), SchemaViolation);   // minimum
  EXPECT_THROW(check(with(R"(,"kind":"c")").c_str()), SchemaViolation);                   // enum
  EXPECT_THROW(check(with(R"(,"when":"2026-04-01 10:00")").c_str()), SchemaViolation);  // date-time
  EXPECT_THROW(check(with(R"(,"opt":"long")").c_str()), SchemaViolation);               // maxLength
  EXPECT_THROW(check(with(R"(,"tags":[])").c_str()), SchemaViolation);                  // minItems
  EXPECT_THROW(check(with(R"(,"tags":["A"])").c_str()), SchemaViolation);  // pattern in items
  EXPECT_THROW(check(with(R"(,"extra":1)").c_str()), SchemaViolation);     // additionalProperties
}

TEST(SchemaValidation, ConsumersTolerateUnknownPropertiesButNotBrokenKnownOnes) {
  const auto added = boost::json::parse(
      R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":3,"added_in_v1_1":true})");
  EXPECT_THROW(validate_against(kSchema, added, "", Strictness::Producer), SchemaViolation);
  EXPECT_NO_THROW(validate_against(kSchema, added, "", Strictness::Consumer));
  const auto broken =
      boost::json::parse(R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":"3","x":1})");
  EXPECT_THROW(validate_against(kSchema, broken, "", Strictness::Consumer), SchemaViolation);
}

TEST(SchemaValidation, ConsumersAcceptWhatAnAdditiveChangeMayAllow) {
  // A newer producer may add an enum value or loosen a limit within v1; an older consumer must
  // not dead-letter that. Types, required properties and formats still hold.
  const auto newer = boost::json::parse(
      R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":50,"kind":"c","opt":"longer","tags":[]})");
  EXPECT_THROW(validate_against(kSchema, newer, "", Strictness::Producer), SchemaViolation);
  EXPECT_NO_THROW(validate_against(kSchema, newer, "", Strictness::Consumer));
  const auto bad_format = boost::json::parse(R"({"id":"not-a-uuid","n":3})");
  EXPECT_THROW(validate_against(kSchema, bad_format, "", Strictness::Consumer), SchemaViolation);
  const auto bad_pattern =
      boost::json::parse(R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":3,"tags":["UP"]})");
  EXPECT_THROW(validate_against(kSchema, bad_pattern, "", Strictness::Consumer), SchemaViolation);
  const auto missing = boost::json::parse(R"({"n":3})");
  EXPECT_THROW(validate_against(kSchema, missing, "", Strictness::Consumer), SchemaViolation);
}

TEST(SchemaValidation, ViolationNamesPathNotValue) {
  try {
    check(R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":3,"kind":"secret-value"})");
    FAIL() << "expected a violation";
  } catch (const SchemaViolation& e) {
    EXPECT_NE(std::string(e.what()).find("/kind"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("secret-value"), std::string::npos);
  }
}

TEST(SchemaValidation, UnsupportedKeywordFailsToLoad) {
  EXPECT_THROW(check_supported(boost::json::parse(R"({"type":"object","oneOf":[]})"), "x"),
               std::runtime_error);
  EXPECT_THROW(
      check_supported(boost::json::parse(R"({"properties":{"a":{"format":"email"}}})"), "x"),
      std::runtime_error);
  EXPECT_NO_THROW(check_supported(kSchema, "x"));
}

}  // namespace
}  // namespace samverkan::events
