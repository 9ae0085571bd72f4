#include <gtest/gtest.h>

#include <limits>
#include <samverkan/json/reader.hpp>

namespace samverkan::json {
namespace {

// Runs `read` against `text` and returns the errors finish() throws (empty if it does not).
template <typename Read>
std::vector<FieldError> errors_of(std::string_view text, Read read) {
  const auto obj = parse_object(text);
  ObjectReader reader(obj);
  read(reader);
  try {
    reader.finish();
  } catch (const InvalidInput& e) {
    return e.errors();
  }
  return {};
}

void expect_single(const std::vector<FieldError>& errors, std::string_view field,
                   std::string_view message) {
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, field);
  EXPECT_EQ(errors[0].message, message);
}

std::vector<FieldError> parse_errors(std::string_view text) {
  try {
    parse_object(text);
  } catch (const InvalidInput& e) {
    return e.errors();
  }
  return {};
}

TEST(ParseObject, AcceptsObject) {
  const auto obj = parse_object(R"({"a": 1, "b": "x"})");
  EXPECT_EQ(obj.size(), 2u);
}

TEST(ParseObject, RejectsMalformedJson) {
  expect_single(parse_errors(R"({"a": )"), "body", "is not valid JSON");
  expect_single(parse_errors(""), "body", "is not valid JSON");
  expect_single(parse_errors(R"({"a": 1} trailing)"), "body", "is not valid JSON");
}

TEST(ParseObject, RejectsRepeatedKeys) {
  // The parser alone would keep the last value and say nothing.
  expect_single(parse_errors(R"({"status": "present", "status": "absent"})"), "status",
                "is repeated");
  expect_single(parse_errors(R"({"a": {"b": 1, "c": 2, "b": 3}})"), "b", "is repeated");
  expect_single(parse_errors(R"({"a": [{"k": 1}, {"k": 2, "k": 2}]})"), "k", "is repeated");
  // Escapes are decoded before comparing: "\u0061" is "a".
  expect_single(parse_errors(R"({"a": 1, "\u0061": 2})"), "a", "is repeated");
  // The same key in sibling or nested objects is not a repeat.
  EXPECT_TRUE(
      parse_errors(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "c": {"a": {"a": 3}}})").empty());
  // A long key split across parser buffers is still compared whole.
  const std::string key(100000, 'k');
  expect_single(parse_errors("{\"" + key + "\": 1, \"" + key + "\": 2}"), key, "is repeated");
  EXPECT_TRUE(parse_errors("{\"" + key + "\": 1, \"" + key + "x\": 2}").empty());
}

TEST(ParseObject, RejectsNonObject) {
  expect_single(parse_errors("[1, 2]"), "body", "must be a JSON object");
  expect_single(parse_errors("\"text\""), "body", "must be a JSON object");
  expect_single(parse_errors("null"), "body", "must be a JSON object");
}

TEST(ParseObject, RejectsDeepNesting) {
  const std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
  expect_single(parse_errors(deep), "body", "is not valid JSON");
  const std::string shallow = "{\"a\":" + std::string(20, '[') + std::string(20, ']') + "}";
  EXPECT_TRUE(parse_errors(shallow).empty());
}

TEST(ObjectReader, ReadsEveryTypeOnHappyPath) {
  const auto obj = parse_object(
      R"({"name": "Lisa", "note": "hej", "seats": 12, "big": -5, "open": true, "paid": false})");
  ObjectReader reader(obj);
  EXPECT_EQ(reader.required_string("name"), "Lisa");
  EXPECT_EQ(reader.optional_string("note"), "hej");
  EXPECT_EQ(reader.optional_string("missing"), std::nullopt);
  EXPECT_EQ(reader.required_int("seats", 1, 100), 12);
  EXPECT_EQ(reader.optional_int("big", -10, 10), -5);
  EXPECT_EQ(reader.optional_int("absent", 0, 1), std::nullopt);
  EXPECT_TRUE(reader.required_bool("open"));
  EXPECT_EQ(reader.optional_bool("paid"), false);
  EXPECT_EQ(reader.optional_bool("nothing"), std::nullopt);
  EXPECT_NO_THROW(reader.finish());
}

TEST(ObjectReader, NullCountsAsAbsent) {
  const auto obj = parse_object(R"({"note": null})");
  ObjectReader reader(obj);
  EXPECT_EQ(reader.optional_string("note"), std::nullopt);
  EXPECT_NO_THROW(reader.finish());
  expect_single(errors_of(R"({"name": null})", [](ObjectReader& r) { r.required_string("name"); }),
                "name", "is required");
}

TEST(ObjectReader, MissingRequiredFields) {
  auto errors = errors_of("{}", [](ObjectReader& r) {
    r.required_string("name");
    r.required_int("seats", 0, 10);
    r.required_bool("open");
  });
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[1].field, "seats");
  EXPECT_EQ(errors[2].field, "open");
  for (const auto& e : errors) EXPECT_EQ(e.message, "is required");
}

TEST(ObjectReader, StringErrors) {
  expect_single(errors_of(R"({"name": 5})", [](ObjectReader& r) { r.required_string("name"); }),
                "name", "must be a string");
  expect_single(errors_of(R"({"name": ""})", [](ObjectReader& r) { r.required_string("name"); }),
                "name", "must not be empty");
  expect_single(
      errors_of(R"({"name": "abcdef"})", [](ObjectReader& r) { r.required_string("name", 5); }),
      "name", "must be at most 5 bytes");
  EXPECT_TRUE(errors_of(R"({"name": "abcde"})", [](ObjectReader& r) {
                r.required_string("name", 5);
              }).empty());
  EXPECT_TRUE(
      errors_of(R"({"note": ""})", [](ObjectReader& r) { r.optional_string("note"); }).empty());
}

TEST(ObjectReader, StringsAreKeptExactly) {
  const auto obj = parse_object(R"({"name": "  Ä b  "})");
  ObjectReader reader(obj);
  EXPECT_EQ(reader.required_string("name"), "  Ä b  ");
}

TEST(ObjectReader, IntegerErrors) {
  auto read = [](ObjectReader& r) { r.required_int("n", 1, 10); };
  expect_single(errors_of(R"({"n": 1.5})", read), "n", "must be an integer");
  expect_single(errors_of(R"({"n": 2.0})", read), "n", "must be an integer");
  expect_single(errors_of(R"({"n": "3"})", read), "n", "must be an integer");
  expect_single(errors_of(R"({"n": true})", read), "n", "must be an integer");
  expect_single(errors_of(R"({"n": 0})", read), "n", "must be between 1 and 10");
  expect_single(errors_of(R"({"n": 11})", read), "n", "must be between 1 and 10");
  expect_single(errors_of(R"({"n": 18446744073709551615})", read), "n", "must be between 1 and 10");
  EXPECT_TRUE(errors_of(R"({"n": 10})", read).empty());
}

TEST(ObjectReader, IntegerAcceptsFullInt64Range) {
  const auto obj = parse_object(R"({"lo": -9223372036854775808, "hi": 9223372036854775807})");
  ObjectReader reader(obj);
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(reader.required_int("lo", lo, hi), lo);
  EXPECT_EQ(reader.required_int("hi", lo, hi), hi);
  EXPECT_NO_THROW(reader.finish());
}

TEST(ObjectReader, BoolErrors) {
  expect_single(errors_of(R"({"b": 1})", [](ObjectReader& r) { r.required_bool("b"); }), "b",
                "must be a boolean");
  expect_single(errors_of(R"({"b": "true"})", [](ObjectReader& r) { r.optional_bool("b"); }), "b",
                "must be a boolean");
}

TEST(ObjectReader, UnknownFieldsAreReported) {
  auto errors = errors_of(R"({"name": "x", "extra": 1, "other": null})",
                          [](ObjectReader& r) { r.required_string("name"); });
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "extra");
  EXPECT_EQ(errors[0].message, "unknown field");
  EXPECT_EQ(errors[1].field, "other");
}

TEST(ObjectReader, DomainFailuresAreCollectedWithOthers) {
  auto errors = errors_of(R"({"start": 5})", [](ObjectReader& r) {
    r.required_int("start", 0, 10);
    r.fail("end", "must be after start");
    r.required_string("title");
  });
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "end");
  EXPECT_EQ(errors[0].message, "must be after start");
  EXPECT_EQ(errors[1].field, "title");
}

TEST(ObjectReader, ErrorsNeverEchoTheValue) {
  auto errors = errors_of(R"({"ssn": "19121212-1212", "x": "secret-value"})",
                          [](ObjectReader& r) { r.required_int("ssn", 0, 1); });
  ASSERT_EQ(errors.size(), 2u);
  for (const auto& e : errors) {
    EXPECT_EQ(e.message.find("1912"), std::string::npos);
    EXPECT_EQ(e.message.find("secret"), std::string::npos);
  }
}

TEST(InvalidInput, WhatNamesFieldsOnly) {
  const InvalidInput error({FieldError{"a", "is required"}, FieldError{"b", "unknown field"}});
  EXPECT_STREQ(error.what(), "invalid input: a b");
  EXPECT_EQ(error.errors().size(), 2u);
}

}  // namespace
}  // namespace samverkan::json

namespace samverkan::json {
namespace {

TEST(ObjectReader, RefusesNulCharactersThatPostgresCannotStore) {
  const auto obj = parse_object(R"({"title": "a\u0000b"})");
  ObjectReader reader(obj);
  reader.required_string("title");
  try {
    reader.finish();
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "title");
  }
}

}  // namespace
}  // namespace samverkan::json
