#pragma once
// Strong identifier types. Every id is text on the wire and in SQL, but a function that takes a
// CohortId cannot be handed a ParticipantId, and the tenant (FederationId) cannot be swapped with
// either: the compiler refuses, where plain strings would fail silently at run time.
#include <compare>
#include <functional>
#include <ostream>
#include <string>
#include <utility>

namespace samverkan::ids {

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}

  [[nodiscard]] const std::string& str() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

  friend auto operator<=>(const Id&, const Id&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Id& id) { return out << id.value_; }

 private:
  std::string value_;
};

// The tenant. It comes only from a verified token (auth::Principal) or from an event.
using FederationId = Id<struct FederationTag>;
using ProgrammeId = Id<struct ProgrammeTag>;
using CohortId = Id<struct CohortTag>;
using ModuleId = Id<struct ModuleTag>;
using SessionId = Id<struct SessionTag>;
using OrganisationId = Id<struct OrganisationTag>;
using ParticipantId = Id<struct ParticipantTag>;
using EnrolmentId = Id<struct EnrolmentTag>;
using RecordId = Id<struct RecordTag>;  // an attendance record (one per session and participant)

}  // namespace samverkan::ids

template <class Tag>
struct std::hash<samverkan::ids::Id<Tag>> {
  std::size_t operator()(const samverkan::ids::Id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};
