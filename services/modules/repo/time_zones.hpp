#pragma once
// The IANA zone names PostgreSQL knows (pg_timezone_names), read once and then checked in memory:
// that view reads the zone files on every query, far too slow for each scheduled session. It is
// read on first use rather than at startup, so the service still starts while the database is
// briefly away (migrations may be off); a failed read is retried by the next request. Zones are
// only ever added by tzdata upgrades, which need a restart of PostgreSQL and usually of us.
#include <memory>
#include <mutex>
#include <pqxx/pqxx>

#include "../domain/session.hpp"

namespace samverkan::modules::repo {

class TimeZones {
 public:
  // The names, read with tx the first time. Thread-safe.
  const TimeZoneNames& names(pqxx::transaction_base& tx);

 private:
  std::mutex mutex_;
  // Set once and never replaced, so a returned reference stays valid.
  std::unique_ptr<const TimeZoneNames> names_;
};

}  // namespace samverkan::modules::repo
