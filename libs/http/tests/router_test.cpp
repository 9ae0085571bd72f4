#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/http/router.hpp>

namespace samverkan::http {
namespace {

Response text(std::string body) {
  Response response;
  response.content_type = "text/plain";
  response.body = std::move(body);
  return response;
}

Request make(Method method, std::string target) {
  Request request;
  request.method = method;
  request.target = std::move(target);
  return request;
}

std::string header_of(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

struct Observed {
  std::string route;
  Method method;
  int status;
};

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router.set_observer([this](std::string_view route, Method method, int status,
                               std::chrono::duration<double> elapsed) {
      EXPECT_GE(elapsed.count(), 0.0);
      observed.push_back({std::string(route), method, status});
    });
  }

  Response dispatch(Method method, std::string target) {
    auto request = make(method, std::move(target));
    return router.dispatch(request);
  }

  Router router;
  std::vector<Observed> observed;
};

TEST_F(RouterTest, MatchesLiteralRoute) {
  router.add(Method::Get, "/v1/programmes", [](Request&) { return text("list"); });
  const auto response = dispatch(Method::Get, "/v1/programmes");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "list");
}

TEST_F(RouterTest, ExtractsAndDecodesParameters) {
  router.add(Method::Get, "/v1/cohorts/{id}/sessions/{session}",
             [](Request& r) { return text(r.param("id") + "|" + r.param("session")); });
  EXPECT_EQ(dispatch(Method::Get, "/v1/cohorts/a%20b/sessions/x%2Fy").body, "a b|x/y");
}

TEST_F(RouterTest, ParametersMustBeNonEmpty) {
  router.add(Method::Get, "/v1/cohorts/{id}", [](Request&) { return text("hit"); });
  EXPECT_EQ(dispatch(Method::Get, "/v1/cohorts/").status, 404);
  EXPECT_EQ(dispatch(Method::Get, "/v1/cohorts").status, 404);
}

TEST_F(RouterTest, LiteralBeatsParameterRegardlessOfOrder) {
  router.add(Method::Get, "/v1/cohorts/{id}",
             [](Request& r) { return text("id " + r.param("id")); });
  router.add(Method::Get, "/v1/cohorts/mine", [](Request&) { return text("mine"); });
  router.add(Method::Get, "/v1/{kind}/mine", [](Request&) { return text("kind"); });
  EXPECT_EQ(dispatch(Method::Get, "/v1/cohorts/mine").body, "mine");
  EXPECT_EQ(dispatch(Method::Get, "/v1/cohorts/42").body, "id 42");
  EXPECT_EQ(dispatch(Method::Get, "/v1/users/mine").body, "kind");
}

TEST_F(RouterTest, UnknownPathIsNotFoundLabelledUnmatched) {
  router.add(Method::Get, "/v1/programmes", [](Request&) { return text("list"); });
  const auto response = dispatch(Method::Get, "/v1/people/19121212-1212");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
  ASSERT_EQ(observed.size(), 1u);
  EXPECT_EQ(observed[0].route, "unmatched");
  EXPECT_EQ(observed[0].status, 404);
}

TEST_F(RouterTest, WrongMethodIsMethodNotAllowedWithAllow) {
  router.add(Method::Get, "/v1/cohorts/{id}", [](Request&) { return text("get"); });
  router.add(Method::Delete, "/v1/cohorts/{cohort}", [](Request&) { return text("delete"); });
  EXPECT_EQ(dispatch(Method::Delete, "/v1/cohorts/1").body, "delete");
  const auto response = dispatch(Method::Post, "/v1/cohorts/1");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(header_of(response, "Allow"), "GET, DELETE, HEAD");
  ASSERT_EQ(observed.size(), 2u);
  EXPECT_EQ(observed[1].route, "/v1/cohorts/{id}");
  EXPECT_EQ(observed[1].method, Method::Post);
  EXPECT_EQ(observed[1].status, 405);
}

TEST_F(RouterTest, HeadFallsBackToGetWithoutBody) {
  router.add(Method::Get, "/v1/programmes", [](Request&) { return text("list"); });
  const auto response = dispatch(Method::Head, "/v1/programmes");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(observed.at(0).method, Method::Head);
}

TEST_F(RouterTest, ParsesQueryAndPath) {
  router.add(Method::Get, "/v1/search", [](Request& r) {
    return text(r.path + "|" + r.query.at("q") + "|" + r.query.at("limit"));
  });
  EXPECT_EQ(dispatch(Method::Get, "/v1/search?q=Anna+Lind%21&limit=5").body,
            "/v1/search|Anna Lind!|5");
}

TEST_F(RouterTest, MalformedEscapesAreBadRequest) {
  router.add(Method::Get, "/v1/{x}", [](Request&) { return text("hit"); });
  EXPECT_EQ(dispatch(Method::Get, "/v1/100%").status, 400);
  EXPECT_EQ(dispatch(Method::Get, "/v1/a?b=%zz").status, 400);
}

TEST_F(RouterTest, RepeatedQueryKeyIsBadRequest) {
  int calls = 0;
  router.add(Method::Get, "/v1/programmes", [&calls](Request&) {
    ++calls;
    return text("list");
  });
  const auto response = dispatch(Method::Get, "/v1/programmes?limit=5&limit=500");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto problem = boost::json::parse(response.body);
  EXPECT_EQ(problem.at("status"), 400);
  const auto errors = problem.at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field"), "limit");
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(dispatch(Method::Get, "/v1/programmes?limit=5").status, 200);
}

TEST_F(RouterTest, RepeatedJsonKeyIsBadRequest) {
  router.add(Method::Put, "/v1/marks/{id}", [](Request& r) -> Response {
    const auto obj = json::parse_object(r.body);
    json::ObjectReader reader(obj);
    reader.required_string("status");
    reader.finish();
    return text("stored");
  });
  auto request = make(Method::Put, "/v1/marks/1");
  request.body = R"({"status": "present", "status": "absent"})";
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto errors = boost::json::parse(response.body).at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field"), "status");
  EXPECT_EQ(errors[0].at("message"), "is repeated");
}

TEST_F(RouterTest, HeaderCheckRefusesAuthenticatedRoutesBeforeTheBody) {
  int checks = 0;
  router.set_header_check([&checks](const Request& r) {
    ++checks;
    if (r.header("authorization") != "Bearer good") throw Problem::unauthorized("no valid token");
  });
  router.add(
      Method::Post, "/v1/cohorts/{id}/sessions", [](Request&) { return text("created"); },
      Access::Authenticated);
  router.add(Method::Post, "/v1/public", [](Request&) { return text("open"); });

  auto anonymous = make(Method::Post, "/v1/cohorts/7/sessions");
  const auto refusal = router.check_headers(anonymous);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->status, 401);
  EXPECT_EQ(refusal->content_type, "application/problem+json");
  EXPECT_EQ(header_of(*refusal, "WWW-Authenticate"), "Bearer");
  ASSERT_EQ(observed.size(), 1u);
  EXPECT_EQ(observed[0].route, "/v1/cohorts/{id}/sessions");
  EXPECT_EQ(observed[0].status, 401);

  auto signed_in = make(Method::Post, "/v1/cohorts/7/sessions");
  signed_in.headers["authorization"] = "Bearer good";
  EXPECT_FALSE(router.check_headers(signed_in).has_value());
  auto open = make(Method::Post, "/v1/public");
  EXPECT_FALSE(router.check_headers(open).has_value());
  EXPECT_EQ(checks, 2);            // not run for the public route
  EXPECT_EQ(observed.size(), 1u);  // only refusals are reported; dispatch reports the rest
}

TEST_F(RouterTest, HeaderCheckAnswersWhatRoutingAloneDecides) {
  router.add(Method::Post, "/v1/cohorts", [](Request&) { return text("created"); });
  auto unknown = make(Method::Post, "/v1/nothing");
  EXPECT_EQ(router.check_headers(unknown).value_or(Response{}).status, 404);
  auto wrong_method = make(Method::Delete, "/v1/cohorts");
  EXPECT_EQ(router.check_headers(wrong_method).value_or(Response{}).status, 405);
  auto repeated = make(Method::Post, "/v1/cohorts?a=1&a=2");
  EXPECT_EQ(router.check_headers(repeated).value_or(Response{}).status, 400);
  // Without a header check, an authenticated route is left to its handler.
  router.add(
      Method::Put, "/v1/cohorts", [](Request&) { return text("replaced"); }, Access::Authenticated);
  auto put = make(Method::Put, "/v1/cohorts");
  EXPECT_FALSE(router.check_headers(put).has_value());
}

TEST_F(RouterTest, UsesPathWhenTargetIsEmpty) {
  router.add(Method::Get, "/v1/cohorts/{id}", [](Request& r) { return text(r.param("id")); });
  Request request;
  request.path = "/v1/cohorts/7";
  EXPECT_EQ(router.dispatch(request).body, "7");
}

TEST_F(RouterTest, ProblemBecomesItsResponse) {
  router.add(Method::Get, "/v1/cohorts/{id}",
             [](Request&) -> Response { throw Problem::not_found("cohort"); });
  const auto response = dispatch(Method::Get, "/v1/cohorts/9");
  EXPECT_EQ(response.status, 404);
  const auto body = boost::json::parse(response.body).as_object();
  EXPECT_EQ(body.at("detail"), "cohort not found");
  EXPECT_EQ(body.at("instance"), "/v1/cohorts/9");
  EXPECT_EQ(observed.at(0).route, "/v1/cohorts/{id}");
}

TEST_F(RouterTest, InvalidInputBecomesBadRequestWithErrors) {
  router.add(Method::Post, "/v1/cohorts", [](Request& r) -> Response {
    const auto obj = json::parse_object(r.body);
    json::ObjectReader reader(obj);
    reader.required_string("name");
    reader.finish();
    return text("created");
  });
  auto request = make(Method::Post, "/v1/cohorts");
  request.body = R"({"extra": 1})";
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto errors = boost::json::parse(response.body).at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field"), "name");
  EXPECT_EQ(errors[1].at("field"), "extra");
}

TEST_F(RouterTest, OtherExceptionsBecomeInternalErrorsWithoutDetails) {
  router.add(Method::Get, "/v1/boom",
             [](Request&) -> Response { throw std::runtime_error("db password=hunter2"); });
  router.add(Method::Get, "/v1/weird", [](Request&) -> Response { throw 42; });
  for (const auto* target : {"/v1/boom", "/v1/weird"}) {
    const auto response = dispatch(Method::Get, target);
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.content_type, "application/problem+json");
    EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
    EXPECT_EQ(boost::json::parse(response.body).at("type"),
              "https://samverkan.se/problems/internal");
  }
  ASSERT_EQ(observed.size(), 2u);
  EXPECT_EQ(observed[0].route, "/v1/boom");
  EXPECT_EQ(observed[0].status, 500);
}

TEST_F(RouterTest, ObserverSeesEveryDispatchOnce) {
  router.add(Method::Post, "/v1/cohorts/{id}/sessions", [](Request&) {
    Response response = text("made");
    response.status = 201;
    return response;
  });
  dispatch(Method::Post, "/v1/cohorts/12/sessions");
  dispatch(Method::Get, "/nowhere");
  ASSERT_EQ(observed.size(), 2u);
  EXPECT_EQ(observed[0].route, "/v1/cohorts/{id}/sessions");
  EXPECT_EQ(observed[0].method, Method::Post);
  EXPECT_EQ(observed[0].status, 201);
  EXPECT_EQ(observed[1].route, "unmatched");
}

TEST(Router, RejectsBadPatternsAndDuplicates) {
  Router router;
  auto handler = [](Request&) { return Response{}; };
  EXPECT_THROW(router.add(Method::Get, "v1/x", handler), std::invalid_argument);
  EXPECT_THROW(router.add(Method::Get, "/v1/{}", handler), std::invalid_argument);
  EXPECT_THROW(router.add(Method::Get, "/v1/{id", handler), std::invalid_argument);
  EXPECT_THROW(router.add(Method::Get, "/v1/a{id}", handler), std::invalid_argument);
  router.add(Method::Get, "/v1/{id}", handler);
  EXPECT_THROW(router.add(Method::Get, "/v1/{other}", handler), std::invalid_argument);
  router.add(Method::Put, "/v1/{other}", handler);
  const auto routes = router.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].pattern, "/v1/{id}");
  EXPECT_EQ(routes[1].method, Method::Put);
}

}  // namespace
}  // namespace samverkan::http
