#include <samverkan/http/problem.hpp>
#include <samverkan/http/router.hpp>
#include <samverkan/log/log.hpp>
#include <set>
#include <stdexcept>
#include <variant>

#include "url.hpp"

namespace samverkan::http {

namespace {

struct Segment {
  bool is_param = false;
  std::string text;  // the literal, or the parameter name
};

struct Route {
  Method method;
  std::string pattern;
  std::string shape;  // pattern with parameter names erased: "/v1/cohorts/{}/sessions"
  std::vector<Segment> segments;
  Handler handler;
  Access access = Access::Public;
};

// "/a/b" -> {"a", "b"}; "/" -> {""}. The leading slash is required and not a segment.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

[[noreturn]] void reject_pattern(std::string_view why, std::string_view pattern) {
  std::string message(why);
  message.append(": ").append(pattern);
  throw std::invalid_argument(message);
}

Route compile(Method method, std::string_view pattern, Handler handler, Access access) {
  if (!pattern.starts_with('/')) reject_pattern("route pattern must start with '/'", pattern);
  Route route{method, std::string(pattern), {}, {}, std::move(handler), access};
  for (auto part : split_path(pattern)) {
    const bool is_param = part.size() >= 2 && part.front() == '{' && part.back() == '}';
    if (is_param) part = part.substr(1, part.size() - 2);
    if (part.find_first_of("{}") != std::string_view::npos || (is_param && part.empty())) {
      reject_pattern("malformed route pattern", pattern);
    }
    route.segments.push_back(Segment{is_param, std::string(part)});
    route.shape += is_param ? "/{}" : "/" + std::string(part);
  }
  return route;
}

bool matches(const Route& route, const std::vector<std::string_view>& path) {
  if (route.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto& segment = route.segments[i];
    if (segment.is_param ? path[i].empty() : segment.text != path[i]) return false;
  }
  return true;
}

// Routes matching the same path have the same length; the first literal where the other has a
// parameter wins, so "/cohorts/mine" beats "/cohorts/{id}".
bool more_specific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return false;
}

std::string allow_header(const std::set<Method>& methods) {
  std::string allow;
  auto append = [&](Method m) {
    if (!allow.empty()) allow += ", ";
    allow += to_string(m);
  };
  for (Method m : methods) append(m);
  if (methods.contains(Method::Get) && !methods.contains(Method::Head)) append(Method::Head);
  return allow;
}

}  // namespace

struct Router::Impl {
  std::vector<Route> routes;
  Observer observer;
  HeaderCheck header_check;

  // Fills path, query and params and finds the request's route. Returns a response instead when
  // routing alone decides it (405); throws Problem for 400 and 404. `label` is set to the route
  // pattern as soon as the path matches, so errors are reported against it.
  std::variant<const Route*, Response> resolve(Request& request, std::string_view& label) const {
    if (request.target.empty()) request.target = request.path;
    const auto target = url::split_target(request.target);
    auto path = url::percent_decode(target.path);
    if (!path) throw Problem::bad_request("The request path is not validly percent-encoded");
    request.path = std::move(*path);
    auto query = url::parse_query(target.query);
    if (query.malformed)
      throw Problem::bad_request("The query string is not validly percent-encoded");
    if (query.repeated) {
      throw Problem::bad_request("A query parameter is given more than once",
                                 {{*query.repeated, "is repeated"}});
    }
    request.query = std::move(query.values);
    if (target.path.empty() || target.path.front() != '/') throw Problem::not_found("route");

    const auto segments = split_path(target.path);
    const Route* best = nullptr;
    for (const auto& candidate : routes) {
      if (matches(candidate, segments) && (best == nullptr || more_specific(candidate, *best))) {
        best = &candidate;
      }
    }
    if (best == nullptr) throw Problem::not_found("route");

    const Route* chosen = nullptr;
    const Route* get = nullptr;
    std::set<Method> allowed;
    for (const auto& candidate : routes) {
      if (candidate.shape != best->shape) continue;
      allowed.insert(candidate.method);
      if (candidate.method == request.method) chosen = &candidate;
      if (candidate.method == Method::Get) get = &candidate;
    }
    if (chosen == nullptr && request.method == Method::Head) chosen = get;
    if (chosen == nullptr) {
      label = best->pattern;
      auto response =
          Problem(405, "method-not-allowed", "Method not allowed").to_response(request.path);
      response.headers.emplace_back("Allow", allow_header(allowed));
      return response;
    }

    label = chosen->pattern;
    request.params.clear();
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (!chosen->segments[i].is_param) continue;
      // Cannot fail: the whole path decoded, and escapes never span a '/'.
      request.params[chosen->segments[i].text] = url::percent_decode(segments[i]).value_or("");
    }
    return chosen;
  }

  Response route(Request& request, std::string_view& label) const {
    auto resolved = resolve(request, label);
    if (auto* response = std::get_if<Response>(&resolved)) return std::move(*response);
    return std::get<const Route*>(resolved)->handler(request);
  }

  std::optional<Response> refusal(Request& request, std::string_view& label) const {
    auto resolved = resolve(request, label);
    if (auto* response = std::get_if<Response>(&resolved)) return std::move(*response);
    if (std::get<const Route*>(resolved)->access == Access::Authenticated && header_check) {
      header_check(request);
    }
    return std::nullopt;
  }

  // Runs `step`, turning its exceptions into problem responses, and reports any response to the
  // observer with the time taken.
  template <typename Step>
  std::optional<Response> observed(Request& request, Step step) const {
    const auto started = std::chrono::steady_clock::now();
    std::string_view label = "unmatched";
    std::optional<Response> response;
    try {
      response = step(label);
    } catch (const Problem& problem) {
      response = problem.to_response(request.path);
    } catch (const json::InvalidInput& invalid) {
      response = Problem::bad_request("The request has invalid fields", invalid.errors())
                     .to_response(request.path);
    } catch (const std::exception& error) {
      // One line with the pattern, never the raw path, which may hold identifiers.
      log::error(
          "request failed",
          {{"method", to_string(request.method)}, {"route", label}, {"error", error.what()}});
      response = Problem(500, "internal", "Internal server error").to_response(request.path);
    } catch (...) {
      log::error("request failed with a non-standard exception",
                 {{"method", to_string(request.method)}, {"route", label}});
      response = Problem(500, "internal", "Internal server error").to_response(request.path);
    }
    if (!response) return response;
    if (request.method == Method::Head) response->body.clear();

    if (observer) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
      try {
        observer(label, request.method, response->status, elapsed);
      } catch (const std::exception& error) {
        log::warn("http observer failed", {{"error", error.what()}});
      }
    }
    return response;
  }
};

Router::Router() : impl_(std::make_unique<Impl>()) {}
Router::~Router() = default;

void Router::add(Method method, std::string pattern, Handler handler, Access access) {
  auto route = compile(method, pattern, std::move(handler), access);
  for (const auto& existing : impl_->routes) {
    if (existing.method == method && existing.shape == route.shape) {
      throw std::invalid_argument("duplicate route: " + std::string(to_string(method)) + " " +
                                  route.pattern);
    }
  }
  impl_->routes.push_back(std::move(route));
}

void Router::set_observer(Observer observer) { impl_->observer = std::move(observer); }

void Router::set_header_check(HeaderCheck check) { impl_->header_check = std::move(check); }

Response Router::dispatch(Request& request) const {
  auto response = impl_->observed(request, [&](std::string_view& label) -> std::optional<Response> {
    return impl_->route(request, label);
  });
  return std::move(*response);
}

std::optional<Response> Router::check_headers(Request& request) const {
  return impl_->observed(request,
                         [&](std::string_view& label) { return impl_->refusal(request, label); });
}

std::vector<Router::RouteInfo> Router::routes() const {
  std::vector<RouteInfo> infos;
  infos.reserve(impl_->routes.size());
  for (const auto& route : impl_->routes) infos.push_back(RouteInfo{route.method, route.pattern});
  return infos;
}

}  // namespace samverkan::http
