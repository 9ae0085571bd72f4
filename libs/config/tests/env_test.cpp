#include <gtest/gtest.h>

#include <cstdlib>
#include <samverkan/config/env.hpp>
#include <string>

namespace samverkan::config {
namespace {

constexpr const char* kMode = "SAMVERKAN_MODE";
constexpr const char* kUrl = "SAMVERKAN_TEST_URL";
constexpr const char* kPort = "SAMVERKAN_TEST_PORT";
constexpr const char* kOther = "SAMVERKAN_TEST_OTHER";

class EnvTest : public ::testing::Test {
 protected:
  void SetUp() override { clear(); }
  void TearDown() override { clear(); }
  static void clear() {
    for (const char* name : {kMode, kUrl, kPort, kOther}) ::unsetenv(name);
  }
  static void set(const char* name, const char* value) { ::setenv(name, value, 1); }

  static std::string finish_message(const Env& env) {
    try {
      env.finish();
    } catch (const ConfigError& e) {
      return e.what();
    }
    return {};
  }
};

TEST_F(EnvTest, DefaultsToDevModeAndUsesDevDefaults) {
  Env env;
  EXPECT_FALSE(env.production());
  EXPECT_EQ(env.required(kUrl, "postgres://localhost"), "postgres://localhost");
  EXPECT_NO_THROW(env.finish());
}

TEST_F(EnvTest, RequiredReturnsTheSetValueInBothModes) {
  set(kUrl, "postgres://db");
  Env dev;
  EXPECT_EQ(dev.required(kUrl, "fallback"), "postgres://db");
  set(kMode, "production");
  Env prod;
  EXPECT_TRUE(prod.production());
  EXPECT_EQ(prod.required(kUrl, "fallback"), "postgres://db");
  EXPECT_NO_THROW(prod.finish());
}

TEST_F(EnvTest, ProductionReportsMissingAndEmptyRequiredVariables) {
  set(kMode, "production");
  set(kOther, "");
  Env env;
  EXPECT_EQ(env.required(kUrl, "fallback"), "");
  env.required(kOther, "fallback");
  EXPECT_EQ(finish_message(env),
            "configuration invalid: SAMVERKAN_TEST_URL is required in production; "
            "SAMVERKAN_TEST_OTHER is required in production");
  EXPECT_THROW(env.finish(), ConfigError);
}

TEST_F(EnvTest, UnknownModeIsAnError) {
  set(kMode, "staging");
  Env env;
  EXPECT_FALSE(env.production());
  EXPECT_NE(finish_message(env).find("SAMVERKAN_MODE"), std::string::npos);
}

TEST_F(EnvTest, OptionalFallsBackWhenUnsetOrEmpty) {
  Env env;
  EXPECT_EQ(env.optional(kOther, "x"), "x");
  set(kOther, "");
  EXPECT_EQ(env.optional(kOther, "x"), "x");
  set(kOther, "y");
  EXPECT_EQ(env.optional(kOther, "x"), "y");
  EXPECT_NO_THROW(env.finish());
}

TEST_F(EnvTest, IntegerParsesWithinRange) {
  Env env;
  EXPECT_EQ(env.integer(kPort, 8080, 1, 65535), 8080);
  set(kPort, "9000");
  EXPECT_EQ(env.integer(kPort, 8080, 1, 65535), 9000);
  set(kPort, "-5");
  EXPECT_EQ(env.integer(kPort, 0, -10, 10), -5);
  EXPECT_NO_THROW(env.finish());
}

TEST_F(EnvTest, IntegerRejectsMalformedValues) {
  for (const char* bad : {"12abc", "abc", " 12", "1.5", "+3", "99999999999999999999"}) {
    set(kPort, bad);
    Env env;
    EXPECT_EQ(env.integer(kPort, 8080, 1, 65535), 8080) << bad;
    EXPECT_EQ(finish_message(env),
              "configuration invalid: SAMVERKAN_TEST_PORT must be an integer between 1 and 65535")
        << bad;
  }
}

TEST_F(EnvTest, IntegerRejectsOutOfRangeValues) {
  set(kPort, "0");
  Env env;
  env.integer(kPort, 8080, 1, 65535);
  set(kPort, "65536");
  env.integer(kPort, 8080, 1, 65535);
  EXPECT_EQ(finish_message(env),
            "configuration invalid: SAMVERKAN_TEST_PORT must be an integer between 1 and 65535; "
            "SAMVERKAN_TEST_PORT must be an integer between 1 and 65535");
}

TEST_F(EnvTest, ErrorsFromDifferentSourcesAreCombined) {
  set(kMode, "production");
  set(kPort, "x");
  Env env;
  env.required(kUrl, "fallback");
  env.integer(kPort, 1, 0, 10);
  EXPECT_EQ(finish_message(env),
            "configuration invalid: SAMVERKAN_TEST_URL is required in production; "
            "SAMVERKAN_TEST_PORT must be an integer between 0 and 10");
}

}  // namespace
}  // namespace samverkan::config
