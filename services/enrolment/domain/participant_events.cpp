#include "participant_events.hpp"

#include <boost/json/value.hpp>

namespace samverkan::enrolment {

namespace {
template <class V>
boost::json::object fact_json(const Fact<V>& fact) {
  return {{"state", to_string(fact.state)},
          {"value", fact.value ? boost::json::value(*fact.value) : boost::json::value(nullptr)},
          {"source", fact.source ? boost::json::value(to_string(*fact.source))
                                 : boost::json::value(nullptr)}};
}
}  // namespace

boost::json::object facts_json(const EntryFacts& facts) {
  return {{"gender", fact_json(facts.gender)},
          {"birth_year", fact_json(facts.birth_year)},
          {"employment_status", fact_json(facts.employment_status)},
          {"education_level", fact_json(facts.education_level)}};
}

boost::json::object EntryFactsRecorded::data() const {
  const auto& r = record;
  return {{"federation_id", r.federation.str()},
          {"participant_id", r.participant.str()},
          {"organisation_id", r.organisation.str()},
          {"version", r.version},
          {"frozen_on", r.frozen_on ? boost::json::value(format_date(*r.frozen_on))
                                    : boost::json::value(nullptr)},
          {"facts", facts_json(r.facts)}};
}

boost::json::object ParticipantChanged::data() const {
  const auto& p = participant;
  return {{"federation_id", p.federation.str()},
          {"participant_id", p.id.str()},
          {"organisation_id", p.organisation.str()},
          {"name", p.name},
          {"email", p.email},
          {"gender", p.gender},
          {"birth_year", p.birth_year},
          {"role", p.role},
          {"subject", p.subject ? boost::json::value(*p.subject) : boost::json::value(nullptr)},
          {"version", p.version}};
}

}  // namespace samverkan::enrolment
