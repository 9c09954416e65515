// The registration policy and invitations through the real binary: an administrator
// switches the mode at run time (persisted: a restarted server keeps it), invites an
// address with a role, and the invitee registers with the single-use token.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "accounts_support.h"
#include "backend.h"
#include "http_client.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using nlohmann::json;

std::optional<HttpResponse> send(uint16_t port, const std::string& method, const std::string& target, const json& body,
                                 std::map<std::string, std::string> headers = {}) {
  headers["Content-Type"] = "application/json";
  return http_request(port, method, target, headers, body.dump());
}

std::string policy(uint16_t port) {
  auto r = http_get(port, "/api/auth/providers");
  return r ? json::parse(r->body)["registration"].get<std::string>() : "";
}

int register_with(uint16_t port, const std::string& email, const std::string& password, const std::string& token) {
  json body = {{"email", email}, {"password", password}, {"name", "Invitee"}};
  if (!token.empty()) body["invite_token"] = token;
  auto r = send(port, "POST", "/api/auth/register", body);
  return r ? r->status : 0;
}

TEST(Registration, AdministratorSetsThePolicyAndItPersists) {
  TestEnvironment t;
  std::string admin;
  {
    SanadServer server(t.env);
    admin = admin_token(t.env, server.port());
    EXPECT_EQ(policy(server.port()), "open");
    auto bad = send(server.port(), "PUT", "/api/settings/registration", {{"mode", "everyone"}}, bearer(admin));
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    auto anonymous = send(server.port(), "PUT", "/api/settings/registration", {{"mode", "open"}});
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
    auto [code, output] = create_account(t.env, "member@example.org", kTestPassword, false);
    ASSERT_EQ(code, 0) << output;
    std::string member = sign_in(server.port(), "member@example.org", kTestPassword)["access_token"];
    auto forbidden = send(server.port(), "PUT", "/api/settings/registration", {{"mode", "open"}}, bearer(member));
    ASSERT_TRUE(forbidden);
    EXPECT_EQ(forbidden->status, 403);

    auto set = send(server.port(), "PUT", "/api/settings/registration", {{"mode", "closed"}}, bearer(admin));
    ASSERT_TRUE(set);
    ASSERT_EQ(set->status, 200) << set->body;
    EXPECT_EQ(json::parse(set->body)["mode"], "closed");
    EXPECT_EQ(policy(server.port()), "closed");
    EXPECT_EQ(register_with(server.port(), "new@example.org", kTestPassword, ""), 403);
  }
  // A restarted server (same database, SANAD_REGISTRATION still "open") keeps the choice.
  SanadServer restarted(t.env);
  EXPECT_EQ(policy(restarted.port()), "closed");
  EXPECT_EQ(register_with(restarted.port(), "new@example.org", kTestPassword, ""), 403);
}

TEST(Registration, InvitationIsForOneAddressOnceWithItsRole) {
  TestEnvironment t;
  t.env["SANAD_REGISTRATION"] = "invite";
  t.env["FRONTEND_URL"] = "http://app.example.org";
  SanadServer server(t.env);
  uint16_t port = server.port();
  std::string admin = admin_token(t.env, port);
  EXPECT_EQ(register_with(port, "guest@example.org", kTestPassword, ""), 403);

  auto invited = send(port, "POST", "/api/invitations", {{"email", "Guest@Example.org"}, {"role", "editor"}},
                      bearer(admin));
  ASSERT_TRUE(invited);
  ASSERT_EQ(invited->status, 201) << invited->body;
  json inv = json::parse(invited->body);
  EXPECT_EQ(inv["email"], "guest@example.org");
  EXPECT_EQ(inv["role"], "editor");
  EXPECT_EQ(inv["mailed"], false);  // no SMTP_URL here
  std::string link = inv["link"];
  const std::string prefix = "http://app.example.org/register?invite=";
  ASSERT_EQ(link.rfind(prefix, 0), 0u) << link;
  std::string token = link.substr(prefix.size());

  EXPECT_EQ(register_with(port, "other@example.org", kTestPassword, token), 403);  // another address
  EXPECT_EQ(register_with(port, "guest@example.org", "password", token), 400);     // weak: token not spent
  EXPECT_EQ(register_with(port, "guest@example.org", kTestPassword, token + "x"), 400);
  auto registered = send(port, "POST", "/api/auth/register",
                         {{"email", "guest@example.org"}, {"password", kTestPassword}, {"invite_token", token}});
  ASSERT_TRUE(registered);
  ASSERT_EQ(registered->status, 201) << registered->body;
  EXPECT_EQ(json::parse(registered->body)["user"]["role"], "editor");
  // Single use.
  EXPECT_EQ(register_with(port, "guest@example.org", kTestPassword, token), 400);

  // Members cannot invite; bad input is refused.
  auto [code, output] = create_account(t.env, "member@example.org", kTestPassword, false);
  ASSERT_EQ(code, 0) << output;
  std::string member = sign_in(port, "member@example.org", kTestPassword)["access_token"];
  auto denied = send(port, "POST", "/api/invitations", {{"email", "x@example.org"}}, bearer(member));
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  auto bad_role = send(port, "POST", "/api/invitations", {{"email", "x@example.org"}, {"role", "root"}}, bearer(admin));
  ASSERT_TRUE(bad_role);
  EXPECT_EQ(bad_role->status, 400);
}

}  // namespace
}  // namespace sanad::testing
