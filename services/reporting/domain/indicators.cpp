#include "indicators.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

namespace samverkan::reporting {

namespace {

template <std::size_t N>
int index_of(const std::array<const char*, N>& names, const std::string& value) {
  for (std::size_t i = 0; i < N; ++i) {
    if (value == names[i]) return static_cast<int>(i);
  }
  return -1;
}

void add_source(Sources& s, const std::optional<std::string>& source) {
  if (source == "self_declared") {
    ++s.self_declared;
  } else if (source == "target_group") {
    ++s.target_group;
  } else if (source == "estimate") {
    ++s.estimate;
  }
}

// The column of a value a complete person is known to have (missing_facts checked it).
template <std::size_t N>
std::size_t column(const std::array<const char*, N>& names, const std::string& value) {
  const int i = index_of(names, value);
  if (i < 0) throw std::logic_error("a complete person's fact outside its categories");
  return static_cast<std::size_t>(i);
}

void count(Figure& f, const EntryFact& gender, const EntryFact* fact) {
  ++f.count;
  add_source(f.gender_sources, gender.source);
  if (fact != nullptr) add_source(f.fact_sources, fact->source);
}

std::optional<std::int64_t> number(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::int64_t n = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, n);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return n;
}

// Why one fact is unknown (its state, or not_stated for an answer outside the indicator's
// categories), or nullopt when it is known.
template <class Known>
std::optional<std::string> unknown(const EntryFact& f, Known known) {
  if (f.state != "answered") return f.state;
  if (!f.value || !known(*f.value)) return std::string("not_stated");
  return std::nullopt;
}

template <std::size_t N>
auto one_of(const std::array<const char*, N>& names) {
  return [&names](const std::string& v) { return index_of(names, v) >= 0; };
}

void add_person(GenderRow& row, const EntryFacts& f, std::int64_t start_year) {
  count(row.total, f.gender, nullptr);
  const auto employment = *f.employment_status.value;
  if (employment == "long_term_unemployed") {
    count(row.employment[0], f.gender, &f.employment_status);  // unemployed, of which ...
    count(row.employment[1], f.gender, &f.employment_status);  // ... long-term
  } else {
    count(row.employment[column(kEmployment, employment)], f.gender, &f.employment_status);
  }
  const auto band = age_band(*number(f.birth_year.value), start_year);
  count(row.age[column(kAgeBands, band)], f.gender, &f.birth_year);
  count(row.education[column(kEducation, *f.education_level.value)], f.gender, &f.education_level);
}

}  // namespace

const char* age_band(std::int64_t birth_year, std::int64_t start_year) {
  const auto age = start_year - birth_year;
  if (age < 18) return kAgeBands[0];
  if (age < 30) return kAgeBands[1];
  if (age < 55) return kAgeBands[2];
  return kAgeBands[3];
}

std::vector<MissingFact> missing_facts(const std::optional<EntryFacts>& facts) {
  if (!facts) {
    return {{"gender", "not_recorded"},
            {"birth_year", "not_recorded"},
            {"employment_status", "not_recorded"},
            {"education_level", "not_recorded"}};
  }
  std::vector<MissingFact> missing;
  const auto check = [&](const char* name, const EntryFact& fact, auto known) {
    if (auto why = unknown(fact, known)) missing.push_back({name, *why});
  };
  check("gender", facts->gender, one_of(kGenders));
  check("birth_year", facts->birth_year,
        [](const std::string& v) { return number(v).has_value(); });
  check("employment_status", facts->employment_status, one_of(kEmployment));
  check("education_level", facts->education_level, one_of(kEducation));
  return missing;
}

Indicators compute_indicators(const std::vector<IndicatorPerson>& people,
                              const IndicatorQuery& query) {
  std::vector<const IndicatorPerson*> by_id;
  by_id.reserve(people.size());
  for (const auto& p : people) by_id.push_back(&p);
  // Stable: among one participant's rows the first keeps winning ties, as the counter expects.
  std::stable_sort(by_id.begin(), by_id.end(), [](const auto* a, const auto* b) {
    return a->participant_id < b->participant_id;
  });
  IndicatorCounter counter(query);
  for (const auto* p : by_id) counter.add(*p);
  return counter.finish();
}

IndicatorCounter::IndicatorCounter(IndicatorQuery query) : query_(std::move(query)) {
  for (const auto* g : kGenders) out_.rows.push_back(GenderRow{g, {}, {}, {}, {}});
  out_.rows.push_back(GenderRow{"total", {}, {}, {}, {}});
}

void IndicatorCounter::add(IndicatorPerson row) {
  // One participation per programme and person: the earliest start wins (a person who leaves
  // and comes back keeps the first start); among equal starts the first row stays.
  if (current_ && current_->participant_id == row.participant_id) {
    if (row.started_on && (!current_->started_on || *row.started_on < *current_->started_on)) {
      current_ = std::move(row);
    }
    return;
  }
  if (current_) count(*current_);
  current_ = std::move(row);
}

void IndicatorCounter::count(const IndicatorPerson& p) {
  if (!p.started_on) {
    ++out_.not_started;
    return;
  }
  // Dates as YYYY-MM-DD order as text.
  if ((query_.from && *p.started_on < *query_.from) || (query_.to && *p.started_on > *query_.to)) {
    return;
  }
  ++out_.participants;
  bodies_[p.organisation_type.value_or("unknown")].insert(p.organisation_id);
  auto missing = missing_facts(p.facts);
  if (!missing.empty()) {
    out_.incomplete.push_back({p.participant_id, std::move(missing)});
    return;
  }
  ++out_.complete;
  const auto start_year = *number(p.started_on->substr(0, 4));
  const auto& f = *p.facts;
  add_person(out_.rows[column(kGenders, *f.gender.value)], f, start_year);
  add_person(out_.rows.back(), f, start_year);
}

Indicators IndicatorCounter::finish() {
  if (current_) count(*current_);
  current_.reset();
  for (const auto& [type, organisations] : bodies_) {
    out_.public_bodies.push_back({type, static_cast<std::int64_t>(organisations.size())});
    out_.public_bodies_total += static_cast<std::int64_t>(organisations.size());
  }
  bodies_.clear();
  return std::move(out_);
}

bool suppressed(std::int64_t count, const Suppression& rule) {
  return count > 0 && count < rule.threshold;
}

}  // namespace samverkan::reporting
