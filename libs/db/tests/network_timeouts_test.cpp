#include <samverkan/db/pool.hpp>

#include <gtest/gtest.h>

namespace samverkan::db {
namespace {

TEST(NetworkTimeouts, AddedToAUriAsQueryParameters) {
  EXPECT_EQ(with_network_timeouts("postgresql://u@h:5432/db"),
            "postgresql://u@h:5432/db?connect_timeout=5&keepalives=1&keepalives_idle=30"
            "&keepalives_interval=10&keepalives_count=3&tcp_user_timeout=30000");
}

TEST(NetworkTimeouts, AppendedToAnExistingQueryAndKeepTheCallersChoice) {
  EXPECT_EQ(with_network_timeouts("postgresql://h/db?sslmode=require&connect_timeout=2"),
            "postgresql://h/db?sslmode=require&connect_timeout=2&keepalives=1&keepalives_idle=30"
            "&keepalives_interval=10&keepalives_count=3&tcp_user_timeout=30000");
}

TEST(NetworkTimeouts, AddedToAKeywordString) {
  EXPECT_EQ(with_network_timeouts("host=h dbname=db keepalives=0"),
            "host=h dbname=db keepalives=0 connect_timeout=5 keepalives_idle=30 keepalives_interval=10"
            " keepalives_count=3 tcp_user_timeout=30000");
}

}  // namespace
}  // namespace samverkan::db
