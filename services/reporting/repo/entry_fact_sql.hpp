#pragma once
// What the indicators and the monthly participant file read alike (ADR 0056, 0076): when a person
// started, and the four core entry facts with their states and sources. SQL text rather than a
// view, so that a report run as of a moment reads the as-of views through it (ADR 0074).
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "../domain/indicators.hpp"

namespace samverkan::reporting::repo {

// An enrolment's start (enrolments e, entry_facts f): its started_on, else the day its facts were
// frozen, else the first session attended in its cohort.
inline constexpr const char* kStartedOnSql =
    "COALESCE(e.started_on, f.frozen_on,"
    " (SELECT min(s.starts_at AT TIME ZONE 'UTC')::date FROM attendance a"
    "   JOIN sessions s ON s.id = a.session_id AND s.federation_id = a.federation_id"
    "   WHERE a.federation_id = e.federation_id AND a.participant_id = e.participant_id"
    "   AND a.cohort_id = e.cohort_id AND a.status IN ('present', 'late')))";

// Thirteen columns of entry_facts f: whether the person has facts, then state, value and source of
// gender, birth year, employment status and education level (entry_facts_at reads the triples).
inline constexpr const char* kEntryFactColumnsSql =
    "f.participant_id IS NOT NULL,"
    " f.gender_state, f.gender, f.gender_source,"
    " f.birth_year_state, f.birth_year::text, f.birth_year_source,"
    " f.employment_status_state, f.employment_status, f.employment_status_source,"
    " f.education_level_state, f.education_level, f.education_level_source";

inline std::optional<std::string> nullable_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

// The four facts whose triples start at column first (gender's state).
inline EntryFacts entry_facts_at(const pqxx::row& row, int first) {
  const auto fact = [&](int at) -> EntryFact {
    return {row[at].as<std::string>(), nullable_text(row[at + 1]), nullable_text(row[at + 2])};
  };
  return EntryFacts{fact(first), fact(first + 3), fact(first + 6), fact(first + 9)};
}

}  // namespace samverkan::reporting::repo
