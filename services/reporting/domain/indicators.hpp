#pragma once
// The ESF+ common indicators of a programme (issue 9 §2; /work/shared/brief/funders.md): its
// participants by gender crossed with employment status, age band and education at entry, the
// public bodies supported, where every value came from, and who is left out as incomplete. A pure
// function of the participants' rows, so the invariants (total = sum over employment = sum over
// genders; long-term unemployed <= unemployed) are tested on it. Free of HTTP, SQL and Kafka.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace samverkan::reporting {

// One entry fact as enrolment.entry_facts.recorded carries it: value and source are set exactly
// when state is "answered".
struct EntryFact {
  std::string state = "not_asked";    // answered, not_asked, declined
  std::optional<std::string> value;   // birth_year as its decimal text
  std::optional<std::string> source;  // self_declared, target_group, estimate
};

struct EntryFacts {
  EntryFact gender, birth_year, employment_status, education_level;
};

// A person with a measured enrolment (approved or withdrawn) in one of the programme's cohorts.
struct IndicatorPerson {
  std::string participant_id, organisation_id;
  std::optional<std::string> organisation_type;  // null until organisation.registered arrived
  std::optional<std::string> started_on;         // YYYY-MM-DD; none: not started
  std::optional<EntryFacts> facts;               // none: never recorded
};

// How many of a figure's values came from each source.
struct Sources {
  std::int64_t self_declared = 0, target_group = 0, estimate = 0;
  friend bool operator==(const Sources&, const Sources&) = default;
};

// One count with the sources of the facts that place a person in it: the gender's and the
// crossed fact's (none for a gender's own total).
struct Figure {
  std::int64_t count = 0;
  Sources gender_sources, fact_sources;
};

inline constexpr std::array<const char*, 3> kGenders{"woman", "man", "non_binary"};
// Employment columns: unemployed includes its long-term part ("of which").
inline constexpr std::array<const char*, 4> kEmployment{"unemployed", "long_term_unemployed",
                                                        "inactive", "employed"};
inline constexpr std::array<const char*, 4> kAgeBands{"under_18", "18_29", "30_54", "55_and_over"};
inline constexpr std::array<const char*, 3> kEducation{"isced_0_2", "isced_3_4", "isced_5_8"};

struct GenderRow {
  std::string gender;  // one of kGenders, or "total"
  Figure total;
  std::array<Figure, 4> employment;  // in kEmployment's order
  std::array<Figure, 4> age;         // in kAgeBands's order
  std::array<Figure, 3> education;   // in kEducation's order
};

struct MissingFact {
  std::string fact;   // gender, birth_year, employment_status, education_level
  std::string state;  // not_recorded, not_asked, declined, not_stated
};

struct IncompletePerson {
  std::string participant_id;
  std::vector<MissingFact> missing;
};

struct PublicBodies {
  std::string organisation_type;  // "unknown" until the organisation is known
  std::int64_t organisations = 0;
};

struct IndicatorQuery {
  std::optional<std::string> from, to;  // the start date's range, inclusive; none: open
};

struct Indicators {
  std::int64_t participants = 0;             // started in the period
  std::int64_t complete = 0;                 // of them, with the four core facts known
  std::int64_t not_started = 0;              // enrolled but without a start date (left out)
  std::vector<GenderRow> rows;               // kGenders in order, then "total"
  std::vector<IncompletePerson> incomplete;  // by participant id
  std::vector<PublicBodies> public_bodies;   // by organisation type
  std::int64_t public_bodies_total = 0;
};

// The age band of a person born in birth_year at a start in start_year (the age at start
// decides; with only a birth year, the age reached that year).
const char* age_band(std::int64_t birth_year, std::int64_t start_year);

// What keeps a person out of the indicators; empty when the four core facts are known.
std::vector<MissingFact> missing_facts(const std::optional<EntryFacts>& facts);

// A person counts once per programme: several cohorts collapse to the earliest start.
Indicators compute_indicators(const std::vector<IndicatorPerson>& people,
                              const IndicatorQuery& query);

// The same computation one row at a time, for a read that streams its rows (memory independent
// of the programme's size): the rows of one participant must come together, and participants in
// ascending id order (compute_indicators sorts first, then feeds this).
class IndicatorCounter {
 public:
  explicit IndicatorCounter(IndicatorQuery query);
  void add(IndicatorPerson row);
  Indicators finish();

 private:
  void count(const IndicatorPerson& p);

  IndicatorQuery query_;
  std::optional<IndicatorPerson> current_;  // the participant being collapsed
  Indicators out_;
  std::map<std::string, std::set<std::string>> bodies_;  // type -> organisations
};

// The pseudonymised variant: counts from 1 to threshold - 1 (and their sources) hidden, shown as
// suppressed; incomplete people only counted, never named.
struct Suppression {
  std::int64_t threshold = 5;
};
[[nodiscard]] bool suppressed(std::int64_t count, const Suppression& rule);

}  // namespace samverkan::reporting
