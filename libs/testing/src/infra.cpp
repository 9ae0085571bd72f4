#include <samverkan/testing/infra.hpp>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace samverkan::testing {

const Infra& infra() {
  static const Infra loaded = [] {
    const char* path = std::getenv("SAMVERKAN_TEST_ENV_FILE");
    if (path == nullptr) throw std::runtime_error("SAMVERKAN_TEST_ENV_FILE is not set: run via ctest");
    std::ifstream in(path);
    if (!in) throw std::runtime_error(std::string("cannot read test infra file ") + path);
    Infra result;
    std::string line;
    while (std::getline(in, line)) {
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      auto key = line.substr(0, eq);
      auto value = line.substr(eq + 1);
      if (key == "DATABASE_URL") result.database_url = value;
      if (key == "KAFKA_BROKERS") result.kafka_brokers = value;
    }
    if (result.database_url.empty() || result.kafka_brokers.empty())
      throw std::runtime_error("test infra file lacks DATABASE_URL or KAFKA_BROKERS");
    return result;
  }();
  return loaded;
}

std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

}  // namespace samverkan::testing
