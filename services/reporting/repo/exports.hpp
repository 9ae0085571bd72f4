#pragma once
// The export reads: rows through a server-side cursor, a batch at a time, each handed to the
// caller as it is read, so memory stays flat whatever the cohort's size. Every query filters on
// the caller's federation.
#include <functional>
#include <pqxx/pqxx>
#include <string>

#include "../domain/exports.hpp"

namespace samverkan::reporting::repo {

// False: reporting does not know the cohort (in this federation).
bool cohort_known(pqxx::transaction_base& tx, const std::string& fed, const std::string& cohort_id);
// False: reporting knows neither the programme nor any cohort of it (in this federation).
bool programme_known(pqxx::transaction_base& tx, const std::string& fed,
                     const std::string& programme_id);

// In the caller's transaction (a cursor needs one). Sessions by start, then id.
std::int64_t stream_sessions(pqxx::work& tx, const std::string& fed, const std::string& cohort_id,
                             const std::function<void(const SessionExportRow&)>& row);
// Participants by id, then month. Records of cancelled sessions are left out.
std::int64_t stream_hours(pqxx::work& tx, const std::string& fed, const std::string& cohort_id,
                          const std::function<void(const HoursExportRow&)>& row);

}  // namespace samverkan::reporting::repo
