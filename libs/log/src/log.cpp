#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <samverkan/log/log.hpp>

#include "state.hpp"

namespace samverkan::log {
namespace {

struct State {
  std::mutex mutex;
  std::string service = "unknown";
  std::shared_ptr<spdlog::logger> logger;
};

State& state() {
  static State instance;
  return instance;
}

spdlog::level::level_enum parse_level(std::string_view level) {
  if (level == "trace") return spdlog::level::trace;
  if (level == "debug") return spdlog::level::debug;
  if (level == "warn") return spdlog::level::warn;
  if (level == "error") return spdlog::level::err;
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger> make_logger(spdlog::level::level_enum level) {
  // Not registered with spdlog's global registry, so re-initialising never clashes on the name.
  auto logger = std::make_shared<spdlog::logger>("samverkan",
                                                 std::make_shared<spdlog::sinks::stdout_sink_mt>());
  logger->set_pattern("%v");
  logger->set_level(level);
  // Containers collect stdout through a pipe; flush each line so nothing is lost on a crash.
  logger->flush_on(spdlog::level::trace);
  return logger;
}

std::shared_ptr<spdlog::logger> current_logger() {
  State& s = state();
  std::lock_guard lock(s.mutex);
  if (!s.logger) s.logger = make_logger(spdlog::level::info);
  return s.logger;
}

void write(spdlog::level::level_enum level, std::string_view name, std::string_view msg,
           std::initializer_list<Field> fields) {
  const auto logger = current_logger();
  if (!logger->should_log(level)) return;
  logger->log(level, "{}", render(name, msg, fields));
}

}  // namespace

namespace detail {

std::string service_name() {
  State& s = state();
  std::lock_guard lock(s.mutex);
  return s.service;
}

}  // namespace detail

void init(std::string_view service, std::string_view level) {
  auto logger = make_logger(parse_level(level));
  State& s = state();
  std::lock_guard lock(s.mutex);
  s.service = std::string(service);
  s.logger = std::move(logger);
}

void debug(std::string_view msg, std::initializer_list<Field> fields) {
  write(spdlog::level::debug, "debug", msg, fields);
}
void info(std::string_view msg, std::initializer_list<Field> fields) {
  write(spdlog::level::info, "info", msg, fields);
}
void warn(std::string_view msg, std::initializer_list<Field> fields) {
  write(spdlog::level::warn, "warn", msg, fields);
}
void error(std::string_view msg, std::initializer_list<Field> fields) {
  write(spdlog::level::err, "error", msg, fields);
}

}  // namespace samverkan::log
