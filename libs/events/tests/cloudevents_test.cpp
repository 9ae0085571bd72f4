#include <gtest/gtest.h>

#include <samverkan/events/event.hpp>

namespace samverkan::events {
namespace {

kafka::Message as_message(const Event& e) {
  kafka::Message m;
  m.topic = "samverkan.modules";
  m.key = e.subject;
  m.value = R"({"federation_id":"f"})";
  m.headers = cloudevent_headers(e);
  return m;
}

Event sample() {
  return {new_event_id(),
          "se.samverkan.modules.programme.created.v1",
          "/samverkan/modules",
          "agg-1",
          now_rfc3339(),
          "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
          {}};
}

TEST(CloudEvents, BinaryModeHeadersRoundTrip) {
  const Event e = sample();
  const Event back = from_kafka(as_message(e));
  EXPECT_EQ(back.id, e.id);
  EXPECT_EQ(back.type, e.type);
  EXPECT_EQ(back.source, e.source);
  EXPECT_EQ(back.subject, e.subject);
  EXPECT_EQ(back.time, e.time);
  EXPECT_EQ(back.traceparent, e.traceparent);
  EXPECT_EQ(back.data.at("federation_id").as_string(), "f");
}

TEST(CloudEvents, HeadersAreExactlyTheSpecOnes) {
  std::vector<std::string> names;
  for (const auto& [name, value] : cloudevent_headers(sample())) names.push_back(name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time",
                                      "ce_subject", "content-type", "traceparent"}));
}

TEST(CloudEvents, RejectsMessagesThatAreNotEvents) {
  auto m = as_message(sample());
  m.value = "not json";
  EXPECT_THROW(from_kafka(m), MalformedEvent);
  m = as_message(sample());
  m.value = "[1,2]";
  EXPECT_THROW(from_kafka(m), MalformedEvent);
  m = as_message(sample());
  m.headers.erase(m.headers.begin() + 1);  // ce_id
  EXPECT_THROW(from_kafka(m), MalformedEvent);
  m = as_message(sample());
  m.headers[0].second = "0.3";
  EXPECT_THROW(from_kafka(m), MalformedEvent);
}

TEST(CloudEvents, IdsAreUuidV4AndTimeIsUtc) {
  const auto id = new_event_id();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(new_event_id(), id);
  const auto t = now_rfc3339();
  EXPECT_EQ(t.back(), 'Z');
  EXPECT_EQ(t[10], 'T');
}

}  // namespace
}  // namespace samverkan::events
