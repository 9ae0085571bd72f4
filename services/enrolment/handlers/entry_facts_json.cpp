#include "entry_facts_json.hpp"

#include <boost/json/object.hpp>

namespace samverkan::enrolment {

namespace {
constexpr const char* kFacts[] = {"gender", "birth_year", "employment_status", "education_level"};

template <class V>
Fact<V> read_fact(const boost::json::value* node, json::ObjectReader& in, const std::string& name) {
  Fact<V> fact;
  if (!node || node->is_null()) return fact;  // not asked
  if (!node->is_object()) {
    in.fail(name, "must be an object with state, value and source");
    return fact;
  }
  const auto& o = node->as_object();
  for (const auto& [key, unused] : o) {
    if (key != "state" && key != "value" && key != "source")
      in.fail(name + "." + std::string(key), "is not a field");
  }
  const auto* state = o.if_contains("state");
  const auto parsed =
      state && state->is_string() ? fact_state_from(state->as_string()) : std::nullopt;
  if (!parsed) {
    in.fail(name + ".state", "must be answered, not_asked or declined");
  } else {
    fact.state = *parsed;
  }
  if (const auto* value = o.if_contains("value"); value && !value->is_null()) {
    if constexpr (std::is_same_v<V, std::string>) {
      if (value->is_string() && value->as_string().size() <= 40) {
        fact.value = std::string(value->as_string());
      } else {
        in.fail(name + ".value", "must be a string");
      }
    } else {
      if (value->is_int64()) {
        fact.value = value->as_int64();
      } else {
        in.fail(name + ".value", "must be an integer");
      }
    }
  }
  if (const auto* source = o.if_contains("source"); source && !source->is_null()) {
    const auto s = source->is_string() ? fact_source_from(source->as_string()) : std::nullopt;
    if (s) {
      fact.source = *s;
    } else {
      in.fail(name + ".source", "must be self_declared, target_group or estimate");
    }
  }
  return fact;
}
}  // namespace

EntryFacts read_entry_facts(const boost::json::value& body, json::ObjectReader& in,
                            const std::string& prefix) {
  EntryFacts facts;
  if (!body.is_object()) {
    in.fail(prefix.empty() ? "facts" : prefix.substr(0, prefix.size() - 1), "must be an object");
    return facts;
  }
  const auto& o = body.as_object();
  for (const auto& [key, unused] : o) {
    bool known = false;
    for (const char* fact : kFacts) known = known || key == fact;
    if (!known) in.fail(prefix + std::string(key), "is not an entry fact");
  }
  facts.gender = read_fact<std::string>(o.if_contains("gender"), in, prefix + "gender");
  facts.birth_year =
      read_fact<std::int64_t>(o.if_contains("birth_year"), in, prefix + "birth_year");
  facts.employment_status =
      read_fact<std::string>(o.if_contains("employment_status"), in, prefix + "employment_status");
  facts.education_level =
      read_fact<std::string>(o.if_contains("education_level"), in, prefix + "education_level");
  return facts;
}

}  // namespace samverkan::enrolment
