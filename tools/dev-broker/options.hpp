#pragma once
#include <optional>
#include <string>
#include <vector>

namespace samverkan::dev_broker {

struct Options {
  int brokers = 1;
  int partitions = 3;
  std::vector<std::string> topics = {"samverkan.modules", "samverkan.enrolment",
                                     "samverkan.attendance", "samverkan.reporting",
                                     "samverkan.deadletter"};
  std::string bootstrap_file;
};

// Parses "--flag value" and "--flag=value". Returns nullopt with error set on bad input.
std::optional<Options> parse_options(int argc, char** argv, std::string& error);

extern const char* const kUsage;

}  // namespace samverkan::dev_broker
