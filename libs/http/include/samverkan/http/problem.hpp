#pragma once
// RFC 9457 problem details. Handlers throw Problem; the router renders it as
// application/problem+json. Never put personal data or internals into title or detail.
#include <samverkan/http/message.hpp>
#include <samverkan/json/reader.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace samverkan::http {

class Problem : public std::runtime_error {
 public:
  Problem(int status, std::string slug, std::string title, std::string detail = {},
          std::vector<json::FieldError> errors = {});

  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] const std::string& slug() const { return slug_; }
  [[nodiscard]] const std::string& title() const { return title_; }
  [[nodiscard]] const std::string& detail() const { return detail_; }
  [[nodiscard]] const std::vector<json::FieldError>& errors() const { return errors_; }

  // type is "https://samverkan.se/problems/<slug>"; instance is the request path.
  [[nodiscard]] Response to_response(std::string_view instance) const;

  static Problem bad_request(std::string detail, std::vector<json::FieldError> errors = {});
  static Problem unauthorized(std::string detail);
  static Problem forbidden(std::string detail);
  static Problem not_found(std::string what);
  static Problem conflict(std::string detail);
  static Problem unprocessable(std::string detail, std::vector<json::FieldError> errors = {});
  // 503 with Retry-After: a dependency is briefly unavailable and the request may be retried.
  static Problem unavailable(std::string detail);

 private:
  int status_;
  std::string slug_, title_, detail_;
  std::vector<json::FieldError> errors_;
};

}  // namespace samverkan::http
