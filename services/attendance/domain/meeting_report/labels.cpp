#include "labels.hpp"

#include <array>
#include <utility>

namespace samverkan::attendance::meeting_report {

namespace {

// Labels by role. Swedish ones as the Swedish Teams and Zoom clients write them; a file whose
// labels are none of these is still read by the shape of its columns (report.cpp).
constexpr std::array<std::pair<std::string_view, Role>, 52> kLabels{{
    {"name", Role::Name},
    {"full name", Role::Name},
    {"participant name", Role::Name},
    {"namn", Role::Name},
    {"fullständigt namn", Role::Name},
    {"deltagarens namn", Role::Name},
    {"email", Role::Email},
    {"e-mail", Role::Email},
    {"user email", Role::Email},
    {"email address", Role::Email},
    {"e-post", Role::Email},
    {"e-postadress", Role::Email},
    {"användarens e-post", Role::Email},
    {"join time", Role::Join},
    {"first join", Role::Join},
    {"first join time", Role::Join},
    {"anslutningstid", Role::Join},
    {"första anslutning", Role::Join},
    {"första anslutningen", Role::Join},
    {"tid för anslutning", Role::Join},
    {"leave time", Role::Leave},
    {"last leave", Role::Leave},
    {"last leave time", Role::Leave},
    {"lämnade", Role::Leave},
    {"senaste avslut", Role::Leave},
    {"senast lämnad", Role::Leave},
    {"tid för avslut", Role::Leave},
    {"lämnat tid", Role::Leave},
    {"duration", Role::Duration},
    {"in-meeting duration", Role::Duration},
    {"attendance duration", Role::Duration},
    {"varaktighet", Role::Duration},
    {"varaktighet i möte", Role::Duration},
    {"varaktighet i mötet", Role::Duration},
    {"längd", Role::Duration},
    {"total duration", Role::TotalDuration},
    {"total varaktighet", Role::TotalDuration},
    {"sammanlagd varaktighet", Role::TotalDuration},
    {"user action", Role::Action},
    {"action", Role::Action},
    {"användaråtgärd", Role::Action},
    {"åtgärd", Role::Action},
    {"timestamp", Role::Timestamp},
    {"tidsstämpel", Role::Timestamp},
    {"tidpunkt", Role::Timestamp},
    {"guest", Role::Guest},
    {"gäst", Role::Guest},
    {"in waiting room", Role::WaitingRoom},
    {"waiting room", Role::WaitingRoom},
    {"i väntrummet", Role::WaitingRoom},
    {"i väntrum", Role::WaitingRoom},
    {"väntrum", Role::WaitingRoom},
}};

Role lookup(std::string_view normalised) {
  for (const auto& [label, role] : kLabels) {
    if (label == normalised) return role;
  }
  return Role::Unknown;
}

}  // namespace

std::string normalise(std::string_view label) {
  std::string out;
  out.reserve(label.size());
  bool space = false;
  for (std::size_t i = 0; i < label.size(); ++i) {
    char c = label[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // Å Ä Ö É (C3 85, C3 84, C3 96, C3 89) to å ä ö é: one bit in the second byte.
    if (c == '\xC3' && i + 1 < label.size()) {
      char next = label[i + 1];
      if (next == '\x85' || next == '\x84' || next == '\x96' || next == '\x89')
        next = static_cast<char>(next | 0x20);
      out.push_back(c);
      out.push_back(next);
      ++i;
      continue;
    }
    out.push_back(c);
  }
  if (!out.empty() && out.back() == ':') out.pop_back();
  return out;
}

Role role_of(std::string_view label) {
  const auto text = normalise(label);
  if (const auto role = lookup(text); role != Role::Unknown) return role;
  const auto open = text.rfind(" (");
  if (open != std::string::npos && text.back() == ')') return lookup(text.substr(0, open));
  return Role::Unknown;
}

Action action_of(std::string_view text) {
  const auto a = normalise(text);
  if (a == "joined" || a == "anslöt" || a == "anslöt till mötet") return Action::Joined;
  if (a == "joined before" || a == "anslöt före" || a == "anslöt tidigare" || a == "anslöt innan")
    return Action::JoinedBefore;
  if (a == "left" || a == "lämnade" || a == "lämnade mötet") return Action::Left;
  return Action::Unknown;
}

bool yes(std::string_view text) {
  const auto t = normalise(text);
  return t == "yes" || t == "ja" || t == "true" || t == "1" || t == "y";
}

}  // namespace samverkan::attendance::meeting_report
