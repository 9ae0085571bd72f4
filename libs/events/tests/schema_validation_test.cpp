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

const CompiledSchema kCompiled(kSchema, "test");

void check(const char* json) { kCompiled.validate(boost::json::parse(json)); }

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
  EXPECT_THROW(kCompiled.validate(added, Strictness::Producer), SchemaViolation);
  EXPECT_NO_THROW(kCompiled.validate(added, Strictness::Consumer));
  const auto broken =
      boost::json::parse(R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":"3","x":1})");
  EXPECT_THROW(kCompiled.validate(broken, Strictness::Consumer), SchemaViolation);
}

TEST(SchemaValidation, ConsumersAcceptWhatAnAdditiveChangeMayAllow) {
  // A newer producer may add an enum value or loosen a limit within v1; an older consumer must
  // not dead-letter that. Types, required properties and formats still hold.
  const auto newer = boost::json::parse(
      R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":50,"kind":"c","opt":"longer","tags":[]})");
  EXPECT_THROW(kCompiled.validate(newer, Strictness::Producer), SchemaViolation);
  EXPECT_NO_THROW(kCompiled.validate(newer, Strictness::Consumer));
  const auto bad_format = boost::json::parse(R"({"id":"not-a-uuid","n":3})");
  EXPECT_THROW(kCompiled.validate(bad_format, Strictness::Consumer), SchemaViolation);
  const auto bad_pattern =
      boost::json::parse(R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":3,"tags":["UP"]})");
  EXPECT_THROW(kCompiled.validate(bad_pattern, Strictness::Consumer), SchemaViolation);
  const auto missing = boost::json::parse(R"({"n":3})");
  EXPECT_THROW(kCompiled.validate(missing, Strictness::Consumer), SchemaViolation);
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
  auto load = [](const char* schema) { return CompiledSchema(boost::json::parse(schema), "x"); };
  EXPECT_THROW(load(R"({"type":"object","oneOf":[]})"), std::runtime_error);
  EXPECT_THROW(load(R"({"properties":{"a":{"format":"email"}}})"), std::runtime_error);
  EXPECT_THROW(load(R"({"properties":{"a":{"pattern":"^(a|b)$"}}})"), std::runtime_error);
  EXPECT_THROW(load(R"({"properties":{"a":{"pattern":"^a.*$"}}})"), std::runtime_error);
  EXPECT_THROW(load(R"({"properties":{"a":{"pattern":7}}})"), std::runtime_error);
  EXPECT_THROW(load(R"({"properties":{"a":{"maxLength":"3"}}})"), std::runtime_error);
  EXPECT_NO_THROW(CompiledSchema(kSchema, "x"));
}

// A consumer validates before it can dead-letter, so a hostile value must become a violation,
// not a crash: std::regex recursed once per character and overflowed the stack on this.
TEST(SchemaValidation, HugeDateTimeIsAViolationNotACrash) {
  const std::string huge = "2026-04-01T10:00:00." + std::string(30000, '1') + "Z";
  boost::json::object data{
      {"id", "0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11"}, {"n", 3}, {"when", huge}};
  for (auto strictness : {Strictness::Producer, Strictness::Consumer}) {
    try {
      kCompiled.validate(data, strictness);
      FAIL() << "expected a violation";
    } catch (const SchemaViolation& e) {
      EXPECT_EQ(std::string(e.what()), "/when: not a valid date-time");
    }
  }
}

TEST(SchemaValidation, HugeStringsAreViolationsForPatternsToo) {
  boost::json::object data{{"id", "0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11"}, {"n", 3}};
  data["tags"] = boost::json::array{boost::json::string(std::string(1 << 20, 'a'))};
  EXPECT_THROW(kCompiled.validate(data, Strictness::Consumer), SchemaViolation);
  data["id"] = std::string(1 << 20, 'a');
  data.erase("tags");
  EXPECT_THROW(kCompiled.validate(data, Strictness::Consumer), SchemaViolation);
}

// Casting an out-of-range double to an integer type is undefined behaviour; the check must not.
TEST(SchemaValidation, IntegerTypeHandlesDoublesOutOfEveryIntegerRange) {
  auto n = [](const char* number) {
    return boost::json::parse(std::string(R"({"id":"0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11","n":)") +
                              number + "}");
  };
  EXPECT_NO_THROW(kCompiled.validate(n("3.0")));
  EXPECT_THROW(kCompiled.validate(n("3.5")), SchemaViolation);
  // Whole numbers, so integers, but above the maximum.
  EXPECT_THROW(kCompiled.validate(n("1e19")), SchemaViolation);
  EXPECT_THROW(kCompiled.validate(n("-1e19")), SchemaViolation);
  EXPECT_NO_THROW(kCompiled.validate(n("1e19"), Strictness::Consumer));
  EXPECT_NO_THROW(kCompiled.validate(n("18446744073709551615"), Strictness::Consumer));
  // 1e900 overflows to infinity when parsed: not an integer.
  const auto infinite = n("1e900");
  ASSERT_TRUE(infinite.at("n").is_double());
  try {
    kCompiled.validate(infinite, Strictness::Consumer);
    FAIL() << "expected a violation";
  } catch (const SchemaViolation& e) {
    EXPECT_EQ(std::string(e.what()), "/n: wrong type");
  }
  EXPECT_THROW(kCompiled.validate(n("-1e900"), Strictness::Consumer), SchemaViolation);
}

TEST(SchemaValidation, EveryCatalogueSchemaLoadsWithItsPatterns) {
  const SchemaRegistry registry(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  EXPECT_FALSE(registry.types().empty());
  const std::string type = "se.samverkan.modules.programme.created.v1";
  boost::json::object programme{{"federation_id", "fed-1"},
                                {"programme_id", "0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11"},
                                {"title", "t"},
                                {"funder", nullptr}};
  EXPECT_NO_THROW(registry.validate(type, programme));
  for (const char* bad : {"", "-fed", "Fed", "fed_1", "f\u00e5d"}) {
    programme["federation_id"] = boost::json::parse(std::string("\"") + bad + "\"");
    EXPECT_THROW(registry.validate(type, programme, Strictness::Consumer), SchemaViolation) << bad;
  }
  programme["federation_id"] = std::string(63, 'a');
  EXPECT_NO_THROW(registry.validate(type, programme));
  programme["federation_id"] = std::string(64, 'a');
  EXPECT_THROW(registry.validate(type, programme, Strictness::Consumer), SchemaViolation);
}

}  // namespace
}  // namespace samverkan::events
