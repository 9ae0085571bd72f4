#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include <boost/json/object.hpp>
#include <charconv>

namespace samverkan::runtime {

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Page read_page(const http::Request& request) {
  Page page;
  if (auto it = request.query.find("limit"); it != request.query.end()) {
    const auto& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page.limit);
    if (ec != std::errc() || end != text.data() + text.size() || page.limit < 1 || page.limit > 500) {
      throw http::Problem::bad_request("limit must be an integer from 1 to 500",
                                       {{"limit", "must be an integer from 1 to 500"}});
    }
  }
  if (auto after = uuid_query(request, "after")) page.after = *after;
  return page;
}

std::optional<std::string> uuid_query(const http::Request& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  if (!is_uuid(it->second)) {
    throw http::Problem::bad_request(name + " must be a UUID", {{name, "must be a UUID"}});
  }
  return it->second;
}

const std::string& uuid_param(const http::Request& request, const std::string& name) {
  const std::string& value = request.param(name);
  if (!is_uuid(value)) throw http::Problem::not_found("resource");
  return value;
}

http::Response page_response(boost::json::array items, const Page& page) {
  boost::json::object body;
  boost::json::value next = nullptr;
  if (static_cast<long>(items.size()) == page.limit && !items.empty()) {
    next = items.back().as_object().at("id");
  }
  body["items"] = std::move(items);
  body["next"] = std::move(next);
  return http::json_response(200, body);
}

}  // namespace samverkan::runtime
