#include "events.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace samverkan::enrolment {

namespace {
boost::json::object enrolment_keys(const Enrolment& e) {
  return {{"federation_id", e.federation.str()},   {"enrolment_id", e.id.str()},
          {"participant_id", e.participant.str()}, {"organisation_id", e.organisation.str()},
          {"cohort_id", e.cohort.str()},           {"version", e.version}};
}
}  // namespace

boost::json::object OrganisationRegistered::data() const {
  const auto& o = organisation;
  return {{"federation_id", o.federation.str()},
          {"organisation_id", o.id.str()},
          {"name", o.name},
          {"org_number", o.org_number},
          {"type", o.type},
          {"version", o.version}};
}

boost::json::object ParticipantRegistered::data() const {
  const auto& p = participant;
  boost::json::object data{{"federation_id", p.federation.str()},
                           {"participant_id", p.id.str()},
                           {"organisation_id", p.organisation.str()},
                           {"name", p.name},
                           {"email", p.email},
                           {"gender", p.gender},
                           {"birth_year", p.birth_year},
                           {"role", p.role},
                           {"version", p.version}};
  if (p.subject) data["subject"] = *p.subject;  // optional, added with the login link
  return data;
}

boost::json::object EnrolmentRequested::data() const {
  auto data = enrolment_keys(enrolment);
  data["requested_at"] = format_timestamp(enrolment.requested_at);
  return data;
}

boost::json::object EnrolmentApproved::data() const {
  auto data = enrolment_keys(enrolment);
  // An approved enrolment always has approved_at; the fallback only keeps the shape valid.
  data["approved_at"] = format_timestamp(enrolment.approved_at.value_or(enrolment.changed_at));
  return data;
}

boost::json::object EnrolmentChanged::data() const {
  const auto& e = enrolment;
  auto data = enrolment_keys(e);
  data["status"] = to_string(e.status);
  data["stage"] = e.stage ? boost::json::value(to_string(*e.stage)) : boost::json::value(nullptr);
  data["requested_at"] = format_timestamp(e.requested_at);
  data["approved_at"] = e.approved_at ? boost::json::value(format_timestamp(*e.approved_at))
                                      : boost::json::value(nullptr);
  data["left_on"] =
      e.left_on ? boost::json::value(format_date(*e.left_on)) : boost::json::value(nullptr);
  data["changed_at"] = format_timestamp(e.changed_at);
  data["started_on"] =
      e.started_on ? boost::json::value(format_date(*e.started_on)) : boost::json::value(nullptr);
  data["waitlist_position"] =
      e.waitlist_position ? boost::json::value(*e.waitlist_position) : boost::json::value(nullptr);
  if (e.module_ids) {
    boost::json::array modules;
    for (const auto& id : *e.module_ids) modules.emplace_back(id.str());
    data["module_ids"] = std::move(modules);
  } else {
    data["module_ids"] = nullptr;
  }
  return data;
}

}  // namespace samverkan::enrolment
