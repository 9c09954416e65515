// Production configuration refusals and the Host allow-list, through the binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend.h"
#include "http_client.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

const std::string kGoodSecret(48, 's');

TEST(Configuration, ProductionRefusesToStartWithInsecureSettings) {
  TestEnvironment t;
  struct Case {
    std::map<std::string, std::string> vars;
    std::string names;  // what the refusal must mention
  };
  const Case cases[] = {
      {{{"SANAD_ALLOWED_HOSTS", "localhost"}}, "SECRET_KEY is not set"},
      {{{"SECRET_KEY", "too-short"}, {"SANAD_ALLOWED_HOSTS", "localhost"}}, "SECRET_KEY is 9 bytes"},
      {{{"SECRET_KEY", kGoodSecret}, {"SANAD_ALLOWED_HOSTS", "localhost"}, {"CORS_ORIGINS", "*"}},
       "CORS_ORIGINS contains '*'"},
      {{{"SECRET_KEY", kGoodSecret}, {"SANAD_ALLOWED_HOSTS", "localhost"}, {"SANAD_DEBUG", "1"}}, "SANAD_DEBUG"},
      {{{"SECRET_KEY", kGoodSecret}}, "SANAD_ALLOWED_HOSTS"},
  };
  for (const auto& c : cases) {
    auto env = t.env;
    env["SANAD_ENV"] = "production";
    for (const auto& [k, v] : c.vars) env[k] = v;
    auto [serve_code, serve_out] = run_sanad({"serve", "--port", "0"}, env);
    EXPECT_EQ(serve_code, 1) << serve_out;
    EXPECT_NE(serve_out.find(c.names), std::string::npos) << serve_out;
    auto [check_code, check_out] = run_sanad({"config", "check"}, env);
    EXPECT_EQ(check_code, 1) << check_out;
    EXPECT_NE(check_out.find(c.names), std::string::npos) << check_out;
  }
}

TEST(Configuration, ConfigCheckRedactsSecrets) {
  TestEnvironment t;
  auto env = t.env;
  env["SECRET_KEY"] = "this-secret-must-not-be-printed-0123456789";
  env["OPENAI_API_KEY"] = "sk-must-not-appear";
  auto [code, out] = run_sanad({"config", "check"}, env);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out.find("this-secret-must-not-be-printed"), std::string::npos);
  EXPECT_EQ(out.find("sk-must-not-appear"), std::string::npos);
  EXPECT_NE(out.find("SECRET_KEY=(set"), std::string::npos) << out;
}

TEST(Configuration, BadValueNamesTheVariable) {
  TestEnvironment t;
  auto env = t.env;
  env["PORT"] = "eighty";
  auto [code, out] = run_sanad({"serve"}, env);
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("PORT"), std::string::npos) << out;
}

TEST(Configuration, ProductionAnswersOnlyAllowedHosts) {
  TestEnvironment t;
  auto env = t.env;
  env["SANAD_ENV"] = "production";
  env["SECRET_KEY"] = kGoodSecret;
  env["SANAD_ALLOWED_HOSTS"] = "intranet.example";
  SanadServer server(env);
  auto allowed = http_get(server.port(), "/api/openapi.json", {{"Host", "intranet.example"}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200);
  auto denied = http_get(server.port(), "/api/openapi.json", {{"Host", "evil.example"}});
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 400);
  EXPECT_TRUE(nlohmann::json::parse(denied->body)["error"].is_object());
}

}  // namespace
}  // namespace sanad::testing
