#include "http/router.h"

#include <gtest/gtest.h>

#include "http/path.h"

namespace sanad::http {
namespace {

Request make(std::string_view method, std::string_view target) {
  Request req;
  prepare_request(req, method, target);
  return req;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto named = [](std::string name) {
      return [name](Request& req) {
        std::string body = name;
        for (const auto& [k, v] : req.params) body += "|" + k + "=" + v;
        return Response::text(200, body);
      };
    };
    router_.add("GET", "/api/documents", named("list"));
    router_.add("POST", "/api/documents", named("create"));
    router_.add("GET", "/api/documents/{id}", named("get"));
    router_.add("DELETE", "/api/documents/{id}", named("delete"));
    router_.add("GET", "/api/documents/{id}/file", named("file"));
    router_.add("GET", "/api/documents/search", named("search"));
    router_.add("GET", "/api/admin/users", named("admin"));
    router_.add("GET", "/", named("root"));
  }
  std::string body_of(std::string_view method, std::string_view target) {
    Request req = make(method, target);
    Response res = router_.handle(req);
    return std::to_string(res.status) + ":" + res.body;
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralsAndParams) {
  EXPECT_EQ(body_of("GET", "/api/documents"), "200:list");
  EXPECT_EQ(body_of("POST", "/api/documents"), "200:create");
  EXPECT_EQ(body_of("GET", "/api/documents/AbC12"), "200:get|id=AbC12");
  EXPECT_EQ(body_of("GET", "/api/documents/x9/file"), "200:file|id=x9");
  EXPECT_EQ(body_of("GET", "/"), "200:root");
}

TEST_F(RouterTest, LiteralBeatsParameter) {
  EXPECT_EQ(body_of("GET", "/api/documents/search"), "200:search");
  EXPECT_EQ(body_of("GET", "/api/documents/searchx"), "200:get|id=searchx");
}

TEST_F(RouterTest, QueryIsDecodedLastWins) {
  Request req = make("GET", "/api/documents?q=a+b%26c&k=1&k=2");
  ASSERT_TRUE(req.path_error.empty());
  EXPECT_EQ(req.query_param("q").value_or(""), "a b&c");
  EXPECT_EQ(req.query_param("k").value_or(""), "2");
  EXPECT_FALSE(req.query_param("missing").has_value());
}

TEST_F(RouterTest, UnknownPathIs404) {
  Request req = make("GET", "/api/nothing");
  Response res = router_.handle(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_NE(res.body.find("\"not_found\""), std::string::npos);
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  Request req = make("PUT", "/api/documents/7");
  Response res = router_.handle(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("Allow"), "DELETE, GET, HEAD, OPTIONS");
}

TEST_F(RouterTest, OptionsOnKnownPathListsMethods) {
  Request req = make("OPTIONS", "/api/documents");
  Response res = router_.handle(req);
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.header("Allow"), "GET, POST, HEAD, OPTIONS");
}

TEST_F(RouterTest, HeadIsServedByGet) {
  Request req = make("HEAD", "/api/documents/5");
  Response res = router_.handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(req.is_head);
  EXPECT_EQ(res.body, "get|id=5");  // the session drops the body on the wire
}

TEST_F(RouterTest, DuplicateOrMalformedRoutesThrow) {
  EXPECT_THROW(router_.add("GET", "/api/documents", [](Request&) { return Response::no_content(); }),
               std::logic_error);
  EXPECT_THROW(router_.add("GET", "/api/documents/{other}/x", [](Request&) { return Response::no_content(); }),
               std::logic_error);
  EXPECT_THROW(router_.add("GET", "/api//x/", [](Request&) { return Response::no_content(); }), std::logic_error);
}

// The invariant: every spelling of a route's path reaches that route or a clean 4xx,
// never another route.
TEST_F(RouterTest, NormalisationMatrixNeverReachesAnotherRoute) {
  struct Case {
    const char* target;
    const char* expected;  // "200:<route>" or a 4xx status prefix
  };
  const Case cases[] = {
      {"/API/Documents", "200:list"},
      {"/api/DOCUMENTS/", "200:list"},
      {"//api///documents//", "200:list"},
      {"/api/documents;jsessionid=1", "200:list"},
      {"/api;x/documents", "200:list"},
      {"/api/%64ocuments", "200:list"},
      {"/api/documents/Ab%43", "200:get|id=AbC"},
      {"/api/documents/a%2Fb", "400"},
      {"/api/documents/a%2fb/file", "400"},
      {"/api/documents/%2e%2e/admin/users", "400"},
      {"/api/documents/../admin/users", "400"},
      {"/api/./documents", "400"},
      {"/api/documents/%00", "400"},
      {"/api/documents/a%0ab", "400"},
      {"/api/documents/a%5cb", "400"},
      {"/api/documents/%zz", "400"},
      {"/api/documents/%", "400"},
      {"api/documents", "400"},
      {"/api/documents/x/file/", "200:file|id=x"},
      {"/api/documents/x;y/file", "200:file|id=x"},
      {"/api/admin/users/", "200:admin"},
      {"/api/ADMIN/users;.css", "200:admin"},
  };
  for (const auto& c : cases) {
    std::string got = body_of("GET", c.target);
    EXPECT_EQ(got.substr(0, std::string(c.expected).size()), c.expected) << c.target << " -> " << got;
    if (std::string(c.expected) == "400") {
      EXPECT_NE(got.find("invalid_argument"), std::string::npos) << c.target;
    }
  }
}

TEST(PathTest, NormalizeRules) {
  EXPECT_EQ(normalize_path("/").value(), "/");
  EXPECT_EQ(normalize_path("//").value(), "/");
  EXPECT_EQ(normalize_path("/a//b/").value(), "/a/b");
  EXPECT_EQ(normalize_path("/a;p/b;q").value(), "/a/b");
  EXPECT_EQ(normalize_path("/%41%3Bx").value(), "/A;x");  // an encoded ';' is data
  EXPECT_EQ(normalize_path("/caf%C3%A9").value(), "/caf\xC3\xA9");
  EXPECT_FALSE(normalize_path("/a/%2F").is_ok());
  EXPECT_FALSE(normalize_path("/a/..").is_ok());
  EXPECT_FALSE(normalize_path("/a/\x01").is_ok());
  EXPECT_EQ(path_segments("/a/b"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(path_segments("/").empty());
}

TEST(RouterFallbackTest, FallbackServesUnmatchedGetOnly) {
  Router router;
  router.add("POST", "/api/x", [](Request&) { return Response::no_content(); });
  router.set_fallback([](Request&) { return Response::text(200, "spa"); });
  Request get = make("GET", "/some/page");
  EXPECT_EQ(router.handle(get).body, "spa");
  EXPECT_EQ(get.route_name(), "fallback");
  Request post = make("POST", "/some/page");
  EXPECT_EQ(router.handle(post).status, 404);
  Request wrong = make("GET", "/api/x");
  EXPECT_EQ(router.handle(wrong).status, 405);
}

}  // namespace
}  // namespace sanad::http
