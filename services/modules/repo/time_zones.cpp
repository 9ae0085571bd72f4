#include "time_zones.hpp"

namespace samverkan::modules::repo {

const TimeZoneNames& TimeZones::names(pqxx::transaction_base& tx) {
  // call_once leaves the flag unset when the read throws, so the next caller tries again.
  std::call_once(loaded_, [&] {
    auto names = std::make_unique<TimeZoneNames>();
    for (const auto& row : tx.exec("SELECT name FROM pg_timezone_names"))
      names->insert(row[0].as<std::string>());
    names_ = std::move(names);
  });
  return *names_;
}

}  // namespace samverkan::modules::repo
