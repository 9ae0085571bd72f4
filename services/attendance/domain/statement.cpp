#include "statement.hpp"

#include <openssl/evp.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <memory>
#include <stdexcept>

namespace samverkan::attendance {

namespace {
bool digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}
}  // namespace

bool valid_month(std::string_view month) {
  if (month.size() != 7 || month[4] != '-' || !digits(month.substr(0, 4)) ||
      !digits(month.substr(5)))
    return false;
  const int year = std::stoi(std::string(month.substr(0, 4)));
  const int number = std::stoi(std::string(month.substr(5)));
  return year >= 2000 && year <= 2999 && number >= 1 && number <= 12;
}

std::int64_t session_minutes(const StatementContent& content) {
  std::int64_t total = 0;
  for (const auto& line : content.sessions) total += line.minutes;
  return total;
}

std::int64_t self_study_minutes(const StatementContent& content) {
  std::int64_t total = 0;
  for (const auto& line : content.self_study) total += line.minutes;
  return total;
}

std::string canonical_form(const StatementContent& content) {
  boost::json::array sessions;
  for (const auto& line : content.sessions) {
    sessions.push_back(boost::json::object{{"session_id", line.session.str()},
                                           {"date", line.date},
                                           {"status", to_string(line.status)},
                                           {"minutes", line.minutes}});
  }
  boost::json::array self_study;
  for (const auto& line : content.self_study) {
    self_study.push_back(boost::json::object{{"entry_id", line.entry_id},
                                             {"module_id", line.module.str()},
                                             {"date", line.date},
                                             {"minutes", line.minutes}});
  }
  return boost::json::serialize(
      boost::json::object{{"participant_id", content.participant.str()},
                          {"month", content.month},
                          {"sessions", std::move(sessions)},
                          {"session_minutes", session_minutes(content)},
                          {"self_study", std::move(self_study)},
                          {"self_study_minutes", self_study_minutes(content)}});
}

std::string sha256_hex(std::string_view text) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kDigits[digest[i] >> 4]);
    hex.push_back(kDigits[digest[i] & 0x0f]);
  }
  return hex;
}

std::string_view to_string(StatementState state) {
  switch (state) {
    case StatementState::Unconfirmed:
      return "unconfirmed";
    case StatementState::Confirmed:
      return "confirmed";
    case StatementState::Superseded:
      return "superseded";
  }
  return "unknown";
}

std::optional<StatementState> parse_statement_state(std::string_view text) {
  for (auto state :
       {StatementState::Unconfirmed, StatementState::Confirmed, StatementState::Superseded}) {
    if (to_string(state) == text) return state;
  }
  return std::nullopt;
}

StatementView current_view(const StatementContent& content,
                           const std::optional<StoredStatement>& latest) {
  StatementView view;
  view.canonical = canonical_form(content);
  view.sha256 = sha256_hex(view.canonical);
  if (latest && latest->state == StatementState::Confirmed && latest->sha256 == view.sha256) {
    view.version = latest->version;
    view.state = StatementState::Confirmed;
  } else {
    view.version = latest ? latest->version + 1 : 1;
    view.state = StatementState::Unconfirmed;
  }
  return view;
}

ConfirmDecision decide_confirm(const StatementContent& content,
                               const std::optional<StoredStatement>& latest,
                               const ids::FederationId& federation, const ConfirmCommand& command) {
  const auto view = current_view(content, latest);
  if (view.sha256 != command.sha256) {
    return ConfirmRefused{ConfirmRefusal::Stale,
                          "the statement changed since it was read; read it again and confirm "
                          "the new content"};
  }
  if (view.state == StatementState::Confirmed) return StatementAlreadyConfirmed{*latest};
  if (content.sessions.empty() && content.self_study.empty()) {
    return ConfirmRefused{ConfirmRefusal::Nothing, "the month has no time to confirm"};
  }
  return StatementConfirmed{StoredStatement{
      federation, content.participant, content.month, view.version, StatementState::Confirmed,
      view.canonical, view.sha256, session_minutes(content), self_study_minutes(content),
      command.subject, command.now}};
}

}  // namespace samverkan::attendance
