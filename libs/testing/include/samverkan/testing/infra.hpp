#pragma once
// Access to the real PostgreSQL and dev broker that the ctest fixture "test_infra" starts
// (tools/stack/stack.py infra-up). Integration tests fail, never skip, when they are missing.
#include <string>

namespace samverkan::testing {

struct Infra {
  std::string database_url;   // libpq URI of the throwaway cluster
  std::string kafka_brokers;  // bootstrap address of the dev broker
};

// Reads $SAMVERKAN_TEST_ENV_FILE (KEY=VALUE lines: DATABASE_URL, KAFKA_BROKERS). Throws if absent.
const Infra& infra();

// A name unique to this process and call, for schemas, topics and consumer groups:
// prefix + "_" + pid + "_" + counter, lower-case, safe as a PostgreSQL identifier.
std::string unique_name(const std::string& prefix);

}  // namespace samverkan::testing
