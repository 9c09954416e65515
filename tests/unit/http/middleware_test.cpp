#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "http/middleware.h"
#include "http/proxy.h"
#include "http/standard_middleware.h"

namespace sanad::http {
namespace {

Request make(std::string_view method, std::string_view target,
             std::initializer_list<std::pair<const char*, const char*>> headers = {},
             std::string peer = "203.0.113.9") {
  Request req;
  prepare_request(req, method, target);
  for (const auto& [k, v] : headers) req.headers.set(k, v);
  req.peer_ip = peer;
  req.client_ip = peer;
  req.host = normalize_host(req.header("Host"));
  return req;
}

Response run(const std::vector<Middleware>& chain, Request& req,
             std::function<Response(Request&)> terminal = [](Request&) { return Response::text(200, "ok"); }) {
  Pipeline p;
  for (const auto& m : chain) p.use(m);
  p.set_terminal(std::move(terminal));
  return p.run(req);
}

TEST(PipelineTest, RunsInOrderAndCanShortCircuit) {
  std::string trace;
  auto tag = [&trace](std::string name) -> Middleware {
    return [&trace, name](Request& req, const Next& next) {
      trace += name + ">";
      Response r = next(req);
      trace += "<" + name;
      return r;
    };
  };
  Request req = make("GET", "/");
  run({tag("a"), tag("b")}, req);
  EXPECT_EQ(trace, "a>b><b<a");
  trace.clear();
  Middleware stop = [](Request&, const Next&) { return Response::text(418, "no"); };
  Request req2 = make("GET", "/");
  EXPECT_EQ(run({tag("a"), stop, tag("c")}, req2).status, 418);
  EXPECT_EQ(trace, "a><a");
}

TEST(RequestIdTest, AcceptsSaneIdAndEchoesIt) {
  Request req = make("GET", "/", {{"X-Request-Id", "abc-123_x.y"}});
  Response res = run({request_id_middleware()}, req);
  EXPECT_EQ(req.request_id, "abc-123_x.y");
  EXPECT_EQ(res.header("X-Request-Id"), "abc-123_x.y");
}

TEST(RequestIdTest, ReplacesInsaneIds) {
  for (std::string bad : {std::string("has space"), std::string("inj\"ect"), std::string(129, 'a'), std::string()}) {
    Request req = make("GET", "/");
    if (!bad.empty()) req.headers.set("X-Request-Id", bad);
    Response res = run({request_id_middleware()}, req);
    EXPECT_NE(req.request_id, bad);
    EXPECT_EQ(req.request_id.size(), 26u);
    EXPECT_EQ(res.header("X-Request-Id"), req.request_id);
  }
}

TEST(ErrorMappingTest, ExceptionBecomesGeneric500) {
  Request req = make("GET", "/");
  Response res = run({error_mapping_middleware()}, req, [](Request&) -> Response {
    throw std::runtime_error("secret detail");
  });
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
  EXPECT_NE(res.log_detail.find("secret detail"), std::string::npos);
}

TEST(AccessLogTest, WritesOneJsonLinePerRequest) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    core::Logger logger(core::LogLevel::kInfo, out);
    Request req = make("POST", "/api/x", {{"X-Request-Id", "rid1"}});
    run({request_id_middleware(), access_log_middleware(logger)}, req,
        [](Request&) { return Response::json(201, "{\"a\":1}"); });
    logger.flush();
  }
  std::rewind(out);
  char line[2048] = {};
  ASSERT_NE(std::fgets(line, sizeof line, out), nullptr);
  std::fclose(out);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["path"], "/api/x");
  EXPECT_EQ(j["route"], "unmatched");
  EXPECT_EQ(j["status"], 201);
  EXPECT_EQ(j["bytes"], 7);
  EXPECT_EQ(j["request_id"], "rid1");
  EXPECT_EQ(j["client_ip"], "203.0.113.9");
  EXPECT_TRUE(j.contains("duration_ms"));
}

TEST(SecurityHeadersTest, SetsHeadersAndCspByKind) {
  Request app = make("GET", "/documents");
  Response res = run({security_headers_middleware()}, app);
  EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(res.header("Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_EQ(res.header("Content-Security-Policy"), kAppContentSecurityPolicy);
  EXPECT_TRUE(res.header("Strict-Transport-Security").empty());
  Request api = make("GET", "/api/me");
  Response api_res = run({security_headers_middleware()}, api);
  EXPECT_EQ(api_res.header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
}

TEST(SecurityHeadersTest, HstsOnlyOverHttpsFromTrustedProxy) {
  auto proxies = TrustedProxies::parse({"10.0.0.0/8", "::1"});
  ASSERT_TRUE(proxies.is_ok());
  std::vector<Middleware> chain = {trusted_proxy_middleware(*proxies), security_headers_middleware()};

  Request trusted = make("GET", "/", {{"X-Forwarded-Proto", "https"}}, "10.1.2.3");
  Response r1 = run(chain, trusted);
  EXPECT_TRUE(trusted.secure);
  EXPECT_EQ(r1.header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");

  Request untrusted = make("GET", "/", {{"X-Forwarded-Proto", "https"}}, "192.0.2.1");
  Response r2 = run(chain, untrusted);
  EXPECT_FALSE(untrusted.secure);
  EXPECT_TRUE(r2.header("Strict-Transport-Security").empty());
}

TEST(TrustedProxyTest, ClientIpIsRightMostUntrusted) {
  auto proxies = TrustedProxies::parse({"10.0.0.0/8", "fd00::/8"});
  ASSERT_TRUE(proxies.is_ok());
  Request req = make("GET", "/",
                     {{"X-Forwarded-For", "1.1.1.1, 198.51.100.7, 10.0.0.5"},
                      {"X-Forwarded-Host", "Sanad.Example.org:443"}},
                     "10.9.9.9");
  proxies->apply(req);
  EXPECT_EQ(req.client_ip, "198.51.100.7");  // 1.1.1.1 is client-supplied, not trustworthy
  EXPECT_EQ(req.host, "sanad.example.org");

  Request v6 = make("GET", "/", {{"X-Forwarded-For", "2001:db8::1"}}, "fd12::1");
  proxies->apply(v6);
  EXPECT_EQ(v6.client_ip, "2001:db8::1");
}

TEST(TrustedProxyTest, ForwardedHeadersIgnoredFromUntrustedPeer) {
  auto proxies = TrustedProxies::parse({"10.0.0.1"});
  ASSERT_TRUE(proxies.is_ok());
  Request req = make("GET", "/",
                     {{"Host", "real.example"},
                      {"X-Forwarded-For", "6.6.6.6"},
                      {"X-Forwarded-Proto", "https"},
                      {"X-Forwarded-Host", "evil.example"}},
                     "10.0.0.2");
  proxies->apply(req);
  EXPECT_EQ(req.client_ip, "10.0.0.2");
  EXPECT_FALSE(req.secure);
  EXPECT_EQ(req.host, "real.example");
}

TEST(TrustedProxyTest, ParsesNetworks) {
  EXPECT_TRUE(parse_network("192.168.0.0/16").is_ok());
  EXPECT_TRUE(parse_network("[::1]").is_ok());
  EXPECT_FALSE(parse_network("10.0.0.0/33").is_ok());
  EXPECT_FALSE(parse_network("proxy.local").is_ok());
  EXPECT_FALSE(TrustedProxies::parse({"10.0.0.1", "nonsense"}).is_ok());
  auto p = TrustedProxies::parse({"192.168.0.0/16"});
  ASSERT_TRUE(p.is_ok());
  EXPECT_TRUE(p->contains("192.168.44.1"));
  EXPECT_TRUE(p->contains("::ffff:192.168.44.1"));
  EXPECT_FALSE(p->contains("192.169.0.1"));
}

TEST(HostAllowlistTest, RejectsOtherHostsButNotHealth) {
  auto mw = host_allowlist_middleware({"sanad.example.org", ".corp.example"});
  Request ok = make("GET", "/api/me", {{"Host", "Sanad.Example.org:8443"}});
  EXPECT_EQ(run({mw}, ok).status, 200);
  Request sub = make("GET", "/api/me", {{"Host", "a.corp.example"}});
  EXPECT_EQ(run({mw}, sub).status, 200);
  Request bad = make("GET", "/api/me", {{"Host", "evil.example"}});
  EXPECT_EQ(run({mw}, bad).status, 400);
  Request suffix = make("GET", "/api/me", {{"Host", "evilcorp.example"}});
  EXPECT_EQ(run({mw}, suffix).status, 400);
  Request health = make("GET", "/health/live", {{"Host", "10.0.0.7:8080"}});
  EXPECT_EQ(run({mw}, health).status, 200);
}

TEST(CorsTest, AllowedOriginGetsHeadersAndVary) {
  auto mw = cors_middleware({"https://app.example.org"}, true);
  Request req = make("GET", "/api/me", {{"Origin", "https://app.example.org"}});
  Response res = run({mw}, req);
  EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://app.example.org");
  EXPECT_EQ(res.header("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(res.header("Vary"), "Origin");
}

TEST(CorsTest, DisallowedOriginGetsNoAllowHeaders) {
  auto mw = cors_middleware({"https://app.example.org"}, true);
  Request req = make("GET", "/api/me", {{"Origin", "https://evil.example"}});
  Response res = run({mw}, req);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(res.header("Access-Control-Allow-Origin").empty());
  EXPECT_EQ(res.header("Vary"), "Origin");
}

TEST(CorsTest, PreflightAllowedAndRefused) {
  auto mw = cors_middleware({"https://app.example.org"}, true);
  bool reached = false;
  auto terminal = [&reached](Request&) {
    reached = true;
    return Response::text(200, "handler");
  };
  Request pre = make("OPTIONS", "/api/documents",
                     {{"Origin", "https://app.example.org"}, {"Access-Control-Request-Method", "POST"}});
  Response res = run({mw}, pre, terminal);
  EXPECT_FALSE(reached);
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://app.example.org");
  EXPECT_NE(res.header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_NE(res.header("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);

  Request bad = make("OPTIONS", "/api/documents",
                     {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  Response refused = run({mw}, bad, terminal);
  EXPECT_FALSE(reached);
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(refused.header("Access-Control-Allow-Origin").empty());
}

TEST(CorsTest, WildcardOnlyWithoutCredentials) {
  Request a = make("GET", "/api/x", {{"Origin", "https://any.example"}});
  Response open = run({cors_middleware({"*"}, false)}, a);
  EXPECT_EQ(open.header("Access-Control-Allow-Origin"), "*");
  EXPECT_TRUE(open.header("Access-Control-Allow-Credentials").empty());
  Request b = make("GET", "/api/x", {{"Origin", "https://any.example"}});
  Response closed = run({cors_middleware({"*"}, true)}, b);
  EXPECT_TRUE(closed.header("Access-Control-Allow-Origin").empty());
}

}  // namespace
}  // namespace sanad::http
