#include "enrolment.hpp"

#include <array>
#include <cctype>

namespace samverkan::enrolment {

namespace {
constexpr std::array kTypes = {"municipality", "municipal_company", "regional_company", "region",
                               "association",  "authority",         "university",       "other"};
constexpr std::array kGenders = {"woman", "man", "non_binary", "undisclosed"};

template <std::size_t N>
bool one_of(const std::string& value, const std::array<const char*, N>& options) {
  for (const char* option : options) {
    if (value == option) return true;
  }
  return false;
}

bool plausible_email(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return false;
  const auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= email.size()) return false;
  for (char c : email) {
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return email.size() <= 254;
}
}  // namespace

bool luhn_valid(const std::string& digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return !digits.empty() && sum % 10 == 0;
}

std::optional<std::string> normalise_org_number(const std::string& text) {
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '-' && i == 6 && text.size() == 11) continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != 10 || digits[2] < '2' || !luhn_valid(digits)) return std::nullopt;
  return digits.substr(0, 6) + "-" + digits.substr(6);
}

std::vector<json::FieldError> validate(NewOrganisation& organisation) {
  std::vector<json::FieldError> errors;
  if (auto normalised = normalise_org_number(organisation.org_number)) {
    organisation.org_number = *normalised;
  } else {
    errors.push_back(
        {"org_number",
         "must be a Swedish organisation number NNNNNN-NNNN with a valid check digit"});
  }
  if (!one_of(organisation.type, kTypes)) {
    errors.push_back(
        {"type",
         "must be municipality, municipal_company, regional_company, region, association, "
         "authority, university or other"});
  }
  return errors;
}

std::vector<json::FieldError> validate(const NewParticipant& p, int current_year) {
  std::vector<json::FieldError> errors;
  if (!plausible_email(p.email)) errors.push_back({"email", "must be an e-mail address"});
  if (!one_of(p.gender, kGenders))
    errors.push_back({"gender", "must be woman, man, non_binary or undisclosed"});
  if (p.birth_year < current_year - 100 || p.birth_year > current_year - 15) {
    errors.push_back(
        {"birth_year", "must be a year that makes the participant between 15 and 100 years old"});
  }
  return errors;
}

}  // namespace samverkan::enrolment
