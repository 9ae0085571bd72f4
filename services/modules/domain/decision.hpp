#pragma once
// What a decide function returns: the next state and the events it emits, or a domain error.
// C++20 has no std::expected, so Result is a small wrapper over std::variant.
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <samverkan/json/reader.hpp>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace samverkan::modules {

// A rule the command breaks. The kind says how the HTTP edge answers; the domain knows no codes.
struct DomainError {
  enum class Kind {
    Invalid,        // the command itself breaks a rule (bad times, dates, kind...)
    NotFound,       // the aggregate or its parent does not exist in the caller's federation
    Conflict,       // the aggregate's current state forbids the command (a cancelled session)
    Unprocessable,  // the command names stored data that does not fit (another programme's module)
  };
  Kind kind;
  std::string message;
  std::vector<json::FieldError> errors;  // fields named, values never echoed
};

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}            // NOLINT: implicit on purpose
  Result(DomainError error) : value_(std::move(error)) {}  // NOLINT
  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(value_); }
  [[nodiscard]] const T& value() const { return std::get<T>(value_); }
  [[nodiscard]] T& value() { return std::get<T>(value_); }
  [[nodiscard]] const DomainError& error() const { return std::get<DomainError>(value_); }

 private:
  std::variant<T, DomainError> value_;
};

// The next state, and the event that records the change; no event when nothing changed (a
// repeated command), in which case state equals the current state, version included.
template <class State, class Event>
struct Decision {
  State state;
  std::optional<Event> event;
};

// Who acts: the federation from the verified token, and the token's subject.
struct Actor {
  ids::FederationId federation;
  std::string subject;
};

// What a decision may need from outside and must not fetch itself: the id for a new aggregate
// and the current time, both chosen by the caller so decisions stay pure and testable.
struct Context {
  std::string new_id;    // a UUID, used only by creations
  std::int64_t now = 0;  // seconds since the epoch (UTC)
};

}  // namespace samverkan::modules
