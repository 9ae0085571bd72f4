#pragma once
// Validation of new organisations and participants, free of HTTP, SQL and Kafka.
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <samverkan/json/reader.hpp>
#include <string>
#include <vector>

namespace samverkan::enrolment {

struct NewOrganisation {
  std::string name;
  std::string org_number;  // normalised to NNNNNN-NNNN by normalise_org_number
  std::string type;
};

struct NewParticipant {
  ids::OrganisationId organisation_id;
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

}  // namespace samverkan::enrolment
