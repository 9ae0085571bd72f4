// Hosts librdkafka's in-process mock cluster so tests and the local stack get a Kafka-compatible
// broker without a JVM. See options.cpp for flags.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "options.hpp"

namespace {

using samverkan::dev_broker::Options;

// Writes then renames, so a reader never sees a half-written address.
bool write_atomically(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << content << '\n';
    if (!out.flush()) return false;
  }
  std::error_code error;
  std::filesystem::rename(tmp, path, error);
  return !error;
}

int run(const Options& options) {
  // Block the signals before librdkafka starts its threads so they inherit the mask and only
  // sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // The host handle never connects anywhere; its "no bootstrap.servers" warning is noise.
  rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
  rd_kafka_t* host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (host == nullptr) {
    rd_kafka_conf_destroy(conf);
    std::cerr << "samverkan-dev-broker: cannot create host handle: " << error << '\n';
    return 1;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(host, options.brokers);
  if (cluster == nullptr) {
    std::cerr << "samverkan-dev-broker: cannot start mock cluster\n";
    rd_kafka_destroy(host);
    return 1;
  }

  int status = 0;
  const int replication = std::min(options.brokers, 3);
  for (const auto& topic : options.topics) {
    auto err = rd_kafka_mock_topic_create(cluster, topic.c_str(), options.partitions, replication);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::cerr << "samverkan-dev-broker: cannot create topic " << topic << ": "
                << rd_kafka_err2str(err) << '\n';
      status = 1;
    }
  }

  const std::string bootstraps = rd_kafka_mock_cluster_bootstraps(cluster);
  if (status == 0 && !write_atomically(options.bootstrap_file, bootstraps)) {
    std::cerr << "samverkan-dev-broker: cannot write " << options.bootstrap_file << '\n';
    status = 1;
  }
  if (status == 0) {
    std::cout << bootstraps << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    // A stale file would make the next start look ready before it is.
    std::error_code ignored;
    std::filesystem::remove(options.bootstrap_file, ignored);
  }

  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(host);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << samverkan::dev_broker::kUsage;
      return 0;
    }
  }
  std::string error;
  auto options = samverkan::dev_broker::parse_options(argc, argv, error);
  if (!options) {
    std::cerr << "samverkan-dev-broker: " << error << "\n\n" << samverkan::dev_broker::kUsage;
    return 2;
  }
  return run(*options);
}
