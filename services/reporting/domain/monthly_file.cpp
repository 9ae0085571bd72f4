#include "monthly_file.hpp"

#include <openssl/evp.h>

#include <samverkan/csv/writer.hpp>
#include <stdexcept>

namespace samverkan::reporting {

namespace {

constexpr const char* kNotRecorded = "not_recorded";

std::string source_of(const std::optional<EntryFacts>& facts, const EntryFact EntryFacts::*fact) {
  if (!facts || ((*facts).*fact).state != "answered") return "";
  return ((*facts).*fact).source.value_or("");
}

}  // namespace

std::string fact_value(const std::optional<EntryFacts>& facts, const EntryFact EntryFacts::*fact) {
  if (!facts) return kNotRecorded;
  const auto& f = (*facts).*fact;
  return f.state == "answered" ? f.value.value_or("") : f.state;
}

std::string age_band_at_entry(const std::optional<EntryFacts>& facts,
                              const std::string& started_on) {
  if (!facts) return kNotRecorded;
  const auto& year = facts->birth_year;
  if (year.state != "answered" || !year.value || started_on.size() < 4) return year.state;
  return age_band(std::stoll(*year.value), std::stoll(started_on.substr(0, 4)));
}

std::string monthly_file_header(const ExportFormat& format) {
  csv::Writer w(format.separator, true);
  w.text("event").text(format.pseudonymiser != nullptr ? "participant_pseudonym"
                                                       : "participant_id");
  if (format.names != nullptr) w.text("name");
  for (const auto* c : {"organisation_id", "started_on", "left_on", "gender", "gender_source",
                        "age_band_at_entry", "birth_year_source", "employment_status",
                        "employment_status_source", "education_level", "education_level_source"}) {
    w.text(c);
  }
  w.end_row();
  return w.str();
}

std::string monthly_file_row(const MonthlyFileRow& r, const ExportFormat& format) {
  csv::Writer w(format.separator, false);
  w.text(r.event).text(export_participant(r.participant_id, format));
  if (format.names != nullptr) w.text(export_name(r.participant_id, format));
  w.text(r.organisation_id)
      .text(r.started_on)
      .text(r.left_on.value_or(""))
      .text(fact_value(r.facts, &EntryFacts::gender))
      .text(source_of(r.facts, &EntryFacts::gender))
      .text(age_band_at_entry(r.facts, r.started_on))
      .text(source_of(r.facts, &EntryFacts::birth_year))
      .text(fact_value(r.facts, &EntryFacts::employment_status))
      .text(source_of(r.facts, &EntryFacts::employment_status))
      .text(fact_value(r.facts, &EntryFacts::education_level))
      .text(source_of(r.facts, &EntryFacts::education_level))
      .end_row();
  return w.str();
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0f];
  }
  return out;
}

bool needs_resubmission(const std::string& month, const std::string& own,
                        const std::optional<MonthSubmission>& submitted,
                        const std::map<std::string, std::string>& current) {
  if (!submitted) return false;
  if (submitted->sha256 != own) return true;
  // Every earlier month on either side: one that changed, appeared or lost all its rows.
  for (const auto& [m, sha] : current) {
    if (m >= month) break;
    const auto then = submitted->earlier.find(m);
    if (then == submitted->earlier.end() || then->second != sha) return true;
  }
  for (const auto& [m, sha] : submitted->earlier) {
    if (m < month && current.find(m) == current.end()) return true;
  }
  return false;
}

bool is_month(std::string_view t) {
  if (t.size() != 7 || t[4] != '-') return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i != 4 && (t[i] < '0' || t[i] > '9')) return false;
  }
  const int m = (t[5] - '0') * 10 + (t[6] - '0');
  return m >= 1 && m <= 12;
}

}  // namespace samverkan::reporting
