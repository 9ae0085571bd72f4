#pragma once
// Keyset paging for list routes: ?limit=N (1..500, default 100) and ?after=<id of the last item>.
#include <samverkan/http/message.hpp>

#include <boost/json/array.hpp>
#include <optional>
#include <string>

namespace samverkan::runtime {

struct Page {
  long limit = 100;
  std::string after;  // "" for the first page; otherwise a UUID (validated)
};

// Throws http::Problem (400) on a malformed limit or cursor.
Page read_page(const http::Request& request);
// Query parameter that must be a UUID when present; throws http::Problem (400) otherwise.
std::optional<std::string> uuid_query(const http::Request& request, const std::string& name);
// Path parameter that must be a UUID; a malformed one is a 404, like any unknown id.
const std::string& uuid_param(const http::Request& request, const std::string& name);
bool is_uuid(const std::string& text);

// {"items": [...], "next": "<cursor>" | null}; items must be objects with an "id".
http::Response page_response(boost::json::array items, const Page& page);

}  // namespace samverkan::runtime
