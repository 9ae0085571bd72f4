#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::http {

Problem::Problem(int status, std::string slug, std::string title, std::string detail,
                 std::vector<json::FieldError> errors)
    : std::runtime_error(title),
      status_(status),
      slug_(std::move(slug)),
      title_(std::move(title)),
      detail_(std::move(detail)),
      errors_(std::move(errors)) {}

Response Problem::to_response(std::string_view instance) const {
  boost::json::object body;
  body["type"] = "https://samverkan.se/problems/" + slug_;
  body["title"] = title_;
  body["status"] = status_;
  if (!detail_.empty()) body["detail"] = detail_;
  // Connection-level errors (413, 431) happen before a path is known.
  if (!instance.empty()) body["instance"] = instance;
  if (!errors_.empty()) {
    boost::json::array errors;
    for (const auto& error : errors_) {
      errors.push_back(boost::json::object{{"field", error.field}, {"message", error.message}});
    }
    body["errors"] = std::move(errors);
  }
  Response response;
  response.status = status_;
  response.content_type = "application/problem+json";
  response.body = boost::json::serialize(body);
  if (status_ == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (status_ == 429 || status_ == 503) response.headers.emplace_back("Retry-After", "1");
  return response;
}

Problem Problem::unavailable(std::string detail) {
  return Problem(503, "unavailable", "Service unavailable", std::move(detail));
}

Problem Problem::bad_request(std::string detail, std::vector<json::FieldError> errors) {
  return Problem(400, "bad-request", "Bad request", std::move(detail), std::move(errors));
}

Problem Problem::unauthorized(std::string detail) {
  return Problem(401, "unauthorized", "Unauthorized", std::move(detail));
}

Problem Problem::forbidden(std::string detail) {
  return Problem(403, "forbidden", "Forbidden", std::move(detail));
}

Problem Problem::not_found(std::string what) {
  return Problem(404, "not-found", "Not found", what + " not found");
}

Problem Problem::conflict(std::string detail) {
  return Problem(409, "conflict", "Conflict", std::move(detail));
}

Problem Problem::unprocessable(std::string detail, std::vector<json::FieldError> errors) {
  return Problem(422, "unprocessable", "Unprocessable content", std::move(detail),
                 std::move(errors));
}

}  // namespace samverkan::http
