#pragma once
// Enrolment rules, free of HTTP, SQL and Kafka.
#include <samverkan/auth/principal.hpp>
#include <samverkan/json/reader.hpp>

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::enrolment {

struct NewOrganisation {
  std::string name;
  std::string org_number;  // normalised to NNNNNN-NNNN by normalise_org_number
  std::string type;
};

struct NewParticipant {
  std::string organisation_id;
  std::string name;
  std::string email;
  std::string gender;  // woman, man, non_binary, undisclosed
  std::int64_t birth_year = 0;
  std::string role;
};

// A Swedish organisationsnummer: ten digits, optionally NNNNNN-NNNN, with a valid Luhn check digit
// and a third digit of at least 2 (which tells it from a personal identity number).
std::optional<std::string> normalise_org_number(const std::string& text);
bool luhn_valid(const std::string& digits);

std::vector<json::FieldError> validate(NewOrganisation& organisation);  // normalises org_number
std::vector<json::FieldError> validate(const NewParticipant& participant, int current_year);

// Who may act for an organisation's people: the federation's administrators, or a coordinator of
// that very organisation. The same rule as Principal::organisation_scope({FederationAdmin}).
bool may_act_for(const auth::Principal& who, const std::string& organisation_id);

boost::json::object organisation_registered(const std::string& federation, const std::string& id,
                                            const NewOrganisation& o);
boost::json::object participant_registered(const std::string& federation, const std::string& id,
                                           const NewParticipant& p);

}  // namespace samverkan::enrolment
