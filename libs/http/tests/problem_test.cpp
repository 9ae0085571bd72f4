#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::http {
namespace {

boost::json::object body_of(const Response& response) {
  return boost::json::parse(response.body).as_object();
}

std::string header_of(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(Problem, RendersProblemJson) {
  const auto response = Problem::conflict("Session is full").to_response("/v1/sessions/7");
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto body = body_of(response);
  EXPECT_EQ(body.at("type"), "https://samverkan.se/problems/conflict");
  EXPECT_EQ(body.at("title"), "Conflict");
  EXPECT_EQ(body.at("status"), 409);
  EXPECT_EQ(body.at("detail"), "Session is full");
  EXPECT_EQ(body.at("instance"), "/v1/sessions/7");
  EXPECT_FALSE(body.contains("errors"));
}

TEST(Problem, OmitsEmptyDetail) {
  const auto body = body_of(Problem(500, "internal", "Internal server error").to_response("/x"));
  EXPECT_FALSE(body.contains("detail"));
  EXPECT_EQ(body.at("status"), 500);
}

TEST(Problem, RendersFieldErrors) {
  const auto response =
      Problem::bad_request("Invalid", {{"start", "is required"}, {"seats", "must be an integer"}})
          .to_response("/v1/cohorts");
  const auto body = body_of(response);
  const auto& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field"), "start");
  EXPECT_EQ(errors[0].at("message"), "is required");
  EXPECT_EQ(errors[1].at("field"), "seats");
}

TEST(Problem, FactoriesSetStatusSlugAndTitle) {
  struct Expected {
    Problem problem;
    int status;
    std::string slug;
    std::string title;
  };
  const std::vector<Expected> cases = {
      {Problem::bad_request("d"), 400, "bad-request", "Bad request"},
      {Problem::unauthorized("d"), 401, "unauthorized", "Unauthorized"},
      {Problem::forbidden("d"), 403, "forbidden", "Forbidden"},
      {Problem::not_found("cohort"), 404, "not-found", "Not found"},
      {Problem::conflict("d"), 409, "conflict", "Conflict"},
      {Problem::unprocessable("d"), 422, "unprocessable", "Unprocessable content"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.problem.status(), c.status);
    EXPECT_EQ(c.problem.slug(), c.slug);
    EXPECT_EQ(c.problem.title(), c.title);
    EXPECT_EQ(c.problem.to_response("/").status, c.status);
  }
  EXPECT_EQ(Problem::not_found("cohort").detail(), "cohort not found");
}

TEST(Problem, UnauthorizedAsksForBearer) {
  EXPECT_EQ(header_of(Problem::unauthorized("no token").to_response("/"), "WWW-Authenticate"),
            "Bearer");
  EXPECT_EQ(header_of(Problem::forbidden("no").to_response("/"), "WWW-Authenticate"), "");
}

TEST(Problem, UnavailableTellsWhenToRetry) {
  const Response r = Problem::unavailable("the database is busy").to_response("/v1/x");
  EXPECT_EQ(r.status, 503);
  bool retry_after = false;
  for (const auto& [name, value] : r.headers) retry_after = retry_after || (name == "Retry-After" && value == "1");
  EXPECT_TRUE(retry_after);
}

TEST(Message, JsonResponseAndHelpers) {
  const auto response = json_response(201, boost::json::object{{"id", "abc"}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"id":"abc"})");

  Request request;
  request.headers["authorization"] = "Bearer x";
  request.params["id"] = "7";
  EXPECT_EQ(request.header("authorization"), "Bearer x");
  EXPECT_EQ(request.header("missing"), "");
  EXPECT_EQ(request.param("id"), "7");
  EXPECT_THROW(static_cast<void>(request.param("other")), std::out_of_range);
  EXPECT_EQ(to_string(Method::Delete), "DELETE");
  EXPECT_EQ(to_string(Method::Patch), "PATCH");
}

}  // namespace
}  // namespace samverkan::http
