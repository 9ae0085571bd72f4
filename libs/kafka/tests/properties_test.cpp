#include <samverkan/kafka/consumer.hpp>
#include <samverkan/kafka/producer.hpp>
#include <samverkan/kafka/properties.hpp>

#include <gtest/gtest.h>

namespace samverkan::kafka {
namespace {

TEST(Properties, ParsesKeyValueLinesSkippingCommentsAndBlanks) {
  const auto props = parse_properties(
      "# SASL over TLS\n"
      "security.protocol = SASL_SSL\n"
      "\n"
      "sasl.mechanism=SCRAM-SHA-512\n"
      "sasl.password=a=b=c\r\n");
  EXPECT_EQ(props, (Properties{{"security.protocol", "SASL_SSL"},
                               {"sasl.mechanism", "SCRAM-SHA-512"},
                               {"sasl.password", "a=b=c"}}));
}

TEST(Properties, RefusesSettingsOurGuaranteesRestOn) {
  EXPECT_THROW(parse_properties("enable.idempotence=false\n"), std::invalid_argument);
  EXPECT_THROW(parse_properties("enable.auto.commit=true\n"), std::invalid_argument);
  EXPECT_THROW(parse_properties("acks=1\n"), std::invalid_argument);
  EXPECT_THROW(parse_properties("request.required.acks=1\n"), std::invalid_argument);  // an alias of acks
  EXPECT_THROW(parse_properties("metadata.broker.list=elsewhere:9092\n"), std::invalid_argument);
}

TEST(Properties, ErrorsNameTheLineButNotTheSecret) {
  try {
    parse_properties("sasl.username=svc\nhunter2\n");
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos);
  }
}

// Creating a client contacts no broker, so these need none.
TEST(Properties, ClientsApplyExtraPropertiesAndGuardOurs) {
  EXPECT_NO_THROW(Producer("127.0.0.1:1", {{"client.id", "samverkan-test"}, {"socket.timeout.ms", "5000"}}));
  EXPECT_THROW(Producer("127.0.0.1:1", {{"no.such.property", "x"}}), std::invalid_argument);
  EXPECT_THROW(Producer("127.0.0.1:1", {{"enable.idempotence", "false"}}), std::invalid_argument);
  EXPECT_THROW(Consumer("127.0.0.1:1", "g", {"t"}, {{"enable.auto.commit", "true"}}), std::invalid_argument);
}

TEST(Properties, RejectedValueIsNotEchoed) {
  try {
    Producer("127.0.0.1:1", {{"socket.timeout.ms", "secret-not-a-number"}});
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("socket.timeout.ms"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("secret-not-a-number"), std::string::npos);
  }
}

}  // namespace
}  // namespace samverkan::kafka
