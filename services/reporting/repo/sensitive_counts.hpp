#pragma once
// The per-cohort sensitive counts (migration 0011, ADR 0070), merged by version.
#include <boost/json/object.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "../domain/sensitive_counts.hpp"

namespace samverkan::reporting::repo {

// enrolment.sensitive_counts.changed: stored when newer than the cohort's row.
void apply_sensitive_counts(pqxx::work& tx, const boost::json::object& e);

// The cells of each cohort of the programme that has counts.
std::vector<SensitiveCells> read_sensitive_counts(pqxx::transaction_base& tx,
                                                  const std::string& fed,
                                                  const std::string& programme_id);

}  // namespace samverkan::reporting::repo
