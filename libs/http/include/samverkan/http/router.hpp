#pragma once
// Routes "METHOD /pattern/{param}" to handlers. Dispatch renders Problem and json::InvalidInput as
// problem+json, answers 404/405 for unknown paths and methods, and turns any other exception into a
// logged 500 without internals. Every dispatch is reported to the observer (metrics).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <samverkan/http/message.hpp>
#include <string>
#include <vector>

namespace samverkan::http {

using Handler = std::function<Response(Request&)>;

// route is the pattern ("/v1/cohorts/{id}/sessions"), or "unmatched" for 404s: never the raw path,
// so metric labels stay bounded and free of ids.
using Observer = std::function<void(std::string_view route, Method method, int status,
                                    std::chrono::duration<double> elapsed)>;

// Whether a route needs credentials. The router does not verify them (the handler does, e.g.
// through libs/auth's Guard); it uses this only to run the header check before the body.
enum class Access { Public, Authenticated };

// Verifies credentials from a request's headers alone (no body, no path parameters yet); throws
// Problem (e.g. 401) to refuse. Set by whoever owns authentication, so libs/http needs no auth.
using HeaderCheck = std::function<void(const Request&)>;

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void add(Method method, std::string pattern, Handler handler, Access access = Access::Public);
  void set_observer(Observer observer);
  void set_header_check(HeaderCheck check);
  // Thread-safe once all routes are added.
  Response dispatch(Request& request) const;
  // For the server, when a request's headers are in but its body is not: the answer it would
  // get whatever the body holds, if that is a refusal. That is a 400, 404 or 405 from routing,
  // or the header check's Problem for an Authenticated route. nullopt: read the body and
  // dispatch. A refusal is reported to the observer like a dispatch.
  std::optional<Response> check_headers(Request& request) const;

  struct RouteInfo {
    Method method;
    std::string pattern;
  };
  [[nodiscard]] std::vector<RouteInfo> routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samverkan::http
