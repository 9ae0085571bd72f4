#pragma once
// Plain request/response types. No Beast here: handlers and their tests never see sockets.
#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };
std::string_view to_string(Method m);

struct Request {
  Method method = Method::Get;
  std::string target;  // raw request target, e.g. "/v1/programmes?limit=10"
  std::string path;    // target without the query, percent-decoded
  std::map<std::string, std::string, std::less<>> query;
  std::map<std::string, std::string, std::less<>> params;  // path parameters from the route pattern
  // Header names are lower-cased.
  std::map<std::string, std::string, std::less<>> headers;
  std::string body;

  [[nodiscard]] std::string header(std::string_view lower_name) const;
  [[nodiscard]] const std::string& param(std::string_view name) const;  // throws if absent
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A JSON response with the given status.
Response json_response(int status, const boost::json::value& body);
// 201 Created with the new resource's JSON and its Location.
Response created_response(const boost::json::value& body, const std::string& location);

}  // namespace samverkan::http
