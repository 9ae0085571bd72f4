#pragma once
// Routes "METHOD /pattern/{param}" to handlers. Dispatch renders Problem and json::InvalidInput as
// problem+json, answers 404/405 for unknown paths and methods, and turns any other exception into a
// logged 500 without internals. Every dispatch is reported to the observer (metrics).
#include <samverkan/http/message.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace samverkan::http {

using Handler = std::function<Response(Request&)>;

// route is the pattern ("/v1/cohorts/{id}/sessions"), or "unmatched" for 404s: never the raw path,
// so metric labels stay bounded and free of ids.
using Observer = std::function<void(std::string_view route, Method method, int status,
                                    std::chrono::duration<double> elapsed)>;

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void add(Method method, std::string pattern, Handler handler);
  void set_observer(Observer observer);
  // Thread-safe once all routes are added.
  Response dispatch(Request& request) const;

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
