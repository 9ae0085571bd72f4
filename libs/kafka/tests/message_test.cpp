#include <gtest/gtest.h>

#include <samverkan/kafka/message.hpp>

namespace samverkan::kafka {
namespace {

TEST(Message, HeaderFindsFirstMatchByExactName) {
  Message message;
  message.headers = {{"trace-id", "abc"}, {"type", "first"}, {"type", "second"}};
  ASSERT_NE(message.header("type"), nullptr);
  EXPECT_EQ(*message.header("type"), "first");
  EXPECT_EQ(*message.header("trace-id"), "abc");
  EXPECT_EQ(message.header("Type"), nullptr);
  EXPECT_EQ(message.header("missing"), nullptr);
}

TEST(Message, HeaderOnEmptyHeadersIsNull) { EXPECT_EQ(Message{}.header("x"), nullptr); }

}  // namespace
}  // namespace samverkan::kafka
