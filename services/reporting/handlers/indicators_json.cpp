#include "indicators_json.hpp"

#include <map>

namespace samverkan::reporting {

namespace {

boost::json::value optional(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object sources(const Sources& s) {
  return {{"self_declared", s.self_declared},
          {"target_group", s.target_group},
          {"estimate", s.estimate}};
}

// A figure: its count and the sources of the facts behind it (the gender's, and the crossed
// fact's under its own name), or suppressed.
boost::json::object figure(const Figure& f, const char* fact, const IndicatorView& view) {
  if (view.pseudonymised && suppressed(f.count, *view.pseudonymised)) {
    return {{"count", nullptr}, {"suppressed", true}, {"sources", nullptr}};
  }
  boost::json::object from{{"gender", sources(f.gender_sources)}};
  if (fact != nullptr) from[fact] = sources(f.fact_sources);
  return {{"count", f.count}, {"suppressed", false}, {"sources", from}};
}

template <std::size_t N>
boost::json::object columns(const std::array<Figure, N>& figures,
                            const std::array<const char*, N>& names, const char* fact,
                            const IndicatorView& view) {
  boost::json::object out;
  for (std::size_t i = 0; i < N; ++i) out[names[i]] = figure(figures[i], fact, view);
  return out;
}

}  // namespace

boost::json::object indicators_json(const Indicators& in, const IndicatorView& view) {
  boost::json::array rows;
  for (const auto& r : in.rows) {
    rows.push_back(boost::json::object{
        {"gender", r.gender},
        {"total", figure(r.total, nullptr, view)},
        {"employment_status", columns(r.employment, kEmployment, "employment_status", view)},
        {"age_band", columns(r.age, kAgeBands, "birth_year", view)},
        {"education_level", columns(r.education, kEducation, "education_level", view)}});
  }
  std::map<std::string, std::int64_t> by_fact;
  boost::json::array people;
  for (const auto& p : in.incomplete) {
    boost::json::array missing;
    for (const auto& m : p.missing) {
      ++by_fact[m.fact];
      missing.push_back(boost::json::object{{"fact", m.fact}, {"state", m.state}});
    }
    people.push_back(
        boost::json::object{{"participant_id", p.participant_id}, {"missing", missing}});
  }
  boost::json::object missing_by_fact;
  for (const auto* fact : {"gender", "birth_year", "employment_status", "education_level"}) {
    missing_by_fact[fact] = by_fact[fact];
  }
  boost::json::array bodies;
  for (const auto& b : in.public_bodies) {
    bodies.push_back(boost::json::object{{"organisation_type", b.organisation_type},
                                         {"organisations", b.organisations}});
  }
  return {{"programme_id", view.programme_id},
          {"from", optional(view.query.from)},
          {"to", optional(view.query.to)},
          {"variant", view.pseudonymised ? "pseudonymised" : "full"},
          {"small_cell_threshold", view.pseudonymised
                                       ? boost::json::value(view.pseudonymised->threshold)
                                       : boost::json::value(nullptr)},
          {"participants", in.participants},
          {"participants_complete", in.complete},
          {"participants_not_started", in.not_started},
          {"by_gender", rows},
          {"incomplete",
           boost::json::object{{"count", static_cast<std::int64_t>(in.incomplete.size())},
                               {"missing_by_fact", missing_by_fact},
                               {"participants", view.pseudonymised ? boost::json::value(nullptr)
                                                                   : boost::json::value(people)}}},
          {"public_bodies",
           boost::json::object{{"total", in.public_bodies_total}, {"by_type", bodies}}}};
}

}  // namespace samverkan::reporting
