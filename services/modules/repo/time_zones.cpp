#include "time_zones.hpp"

namespace samverkan::modules::repo {

const TimeZoneNames& TimeZones::names(pqxx::transaction_base& tx) {
  // A plain mutex, not std::call_once: libstdc++'s call_once may hang after a throwing first call
  // (GCC bug 66146), and a failed read here must simply be retried by the next request.
  const std::lock_guard lock(mutex_);
  if (!names_) {
    auto names = std::make_unique<TimeZoneNames>();
    for (const auto& row : tx.exec("SELECT name FROM pg_timezone_names"))
      names->insert(row[0].as<std::string>());
    names_ = std::move(names);
  }
  return *names_;
}

}  // namespace samverkan::modules::repo
