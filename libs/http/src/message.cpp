#include <boost/json/serialize.hpp>
#include <samverkan/http/message.hpp>
#include <stdexcept>

namespace samverkan::http {

std::string_view to_string(Method m) {
  switch (m) {
    case Method::Get:
      return "GET";
    case Method::Head:
      return "HEAD";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Options:
      return "OPTIONS";
    case Method::Other:
      break;
  }
  return "OTHER";
}

std::string Request::header(std::string_view lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? std::string{} : it->second;
}

const std::string& Request::param(std::string_view name) const {
  const auto it = params.find(name);
  // A handler asking for a parameter its pattern lacks is a programming error, hence a 500.
  if (it == params.end())
    throw std::out_of_range("route has no path parameter " + std::string(name));
  return it->second;
}

Response created_response(const boost::json::value& body, const std::string& location) {
  Response response = json_response(201, body);
  response.headers.emplace_back("Location", location);
  return response;
}

Response json_response(int status, const boost::json::value& body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace samverkan::http
