#pragma once
// The outcome of a decision: the next state, or the domain rule that refused the command.
// (C++20 has no std::expected; a variant with two named accessors is all the domain needs.)
#include <string>
#include <utility>
#include <variant>

namespace samverkan::enrolment {

struct DomainError {
  enum class Kind {
    Forbidden,  // the actor may not do this at all (403)
    NotFound,   // absent, or hidden from this actor so that it looks absent (404)
    Conflict,   // the aggregate's state forbids it (409)
    Invalid,    // a field's value breaks a rule that needs stored state (422)
  };
  Kind kind;
  std::string message;  // never holds personal data
  std::string field;    // for Invalid: the request field at fault
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : outcome_(std::move(value)) {}            // NOLINT: implicit on purpose
  Result(DomainError error) : outcome_(std::move(error)) {}  // NOLINT: implicit on purpose

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(outcome_); }
  [[nodiscard]] const T& value() const& { return std::get<T>(outcome_); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(outcome_)); }
  [[nodiscard]] const DomainError& error() const { return std::get<DomainError>(outcome_); }

 private:
  std::variant<T, DomainError> outcome_;
};

inline DomainError forbidden(std::string message) {
  return {DomainError::Kind::Forbidden, std::move(message), {}};
}
inline DomainError not_found(std::string what) {
  return {DomainError::Kind::NotFound, std::move(what), {}};
}
inline DomainError conflict(std::string message) {
  return {DomainError::Kind::Conflict, std::move(message), {}};
}
inline DomainError invalid(std::string field, std::string message) {
  return {DomainError::Kind::Invalid, std::move(message), std::move(field)};
}

}  // namespace samverkan::enrolment
