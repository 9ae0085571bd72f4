#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <regex>
#include <samverkan/log/log.hpp>
#include <string>

namespace samverkan::log {
namespace {

boost::json::object parse_object(const std::string& line) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(line, ec);
  EXPECT_FALSE(ec) << line;
  EXPECT_TRUE(value.is_object()) << line;
  return value.is_object() ? value.as_object() : boost::json::object{};
}

TEST(LogRender, ProducesOneJsonObjectWithCoreKeysAndFields) {
  init("registry", "info");
  const std::string line = render("info", "cohort created",
                                  {{"cohort_id", std::string_view("c-1")},
                                   {"count", std::int64_t{3}},
                                   {"ratio", 0.5},
                                   {"replayed", true}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto object = parse_object(line);
  EXPECT_EQ(object.at("level").as_string(), "info");
  EXPECT_EQ(object.at("service").as_string(), "registry");
  EXPECT_EQ(object.at("msg").as_string(), "cohort created");
  EXPECT_EQ(object.at("cohort_id").as_string(), "c-1");
  EXPECT_EQ(object.at("count").as_int64(), 3);
  EXPECT_DOUBLE_EQ(object.at("ratio").as_double(), 0.5);
  EXPECT_TRUE(object.at("replayed").as_bool());
}

TEST(LogRender, TimestampIsRfc3339UtcWithMilliseconds) {
  const auto object = parse_object(render("warn", "x", {}));
  const std::string ts(object.at("ts").as_string());
  EXPECT_TRUE(std::regex_match(ts, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")))
      << ts;
}

TEST(LogRender, EscapesQuotesNewlinesAndControlCharacters) {
  const std::string nasty = "say \"hi\"\nnext\tline\\ \x01";
  const std::string line = render("error", nasty, {{"detail", std::string_view(nasty)}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find(R"(say \"hi\"\nnext\tline\\ \u0001)"), std::string::npos) << line;
  const auto object = parse_object(line);
  EXPECT_EQ(object.at("msg").as_string(), nasty);
  EXPECT_EQ(object.at("detail").as_string(), nasty);
}

TEST(LogRender, FieldsCannotOverrideCoreKeys) {
  init("events", "info");
  const auto object = parse_object(render("info", "real",
                                          {{"msg", std::string_view("fake")},
                                           {"service", std::string_view("other")},
                                           {"level", std::string_view("debug")}}));
  EXPECT_EQ(object.at("msg").as_string(), "real");
  EXPECT_EQ(object.at("service").as_string(), "events");
  EXPECT_EQ(object.at("level").as_string(), "info");
}

TEST(LogOutput, WritesEnabledLevelsToStdoutOnePerLine) {
  init("reporting", "info");
  ::testing::internal::CaptureStdout();
  debug("hidden");
  info("shown", {{"n", std::int64_t{1}}});
  error("also shown");
  const std::string out = ::testing::internal::GetCapturedStdout();
  ASSERT_FALSE(out.empty());
  ASSERT_EQ(out.back(), '\n');
  const auto newline = out.find('\n');
  ASSERT_NE(newline, out.size() - 1) << out;  // exactly two lines
  EXPECT_EQ(out.find('\n', newline + 1), out.size() - 1) << out;
  const auto first = parse_object(out.substr(0, newline));
  const auto second = parse_object(out.substr(newline + 1, out.size() - newline - 2));
  EXPECT_EQ(first.at("msg").as_string(), "shown");
  EXPECT_EQ(first.at("n").as_int64(), 1);
  EXPECT_EQ(first.at("service").as_string(), "reporting");
  EXPECT_EQ(second.at("level").as_string(), "error");
}

TEST(LogOutput, ReinitChangesTheLevel) {
  init("reporting", "debug");
  ::testing::internal::CaptureStdout();
  debug("visible now");
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("\"msg\":\"visible now\""), std::string::npos) << out;
}

}  // namespace
}  // namespace samverkan::log
