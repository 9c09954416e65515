// Accounts through the HTTP API of the real binary: registration, sign-in, the
// refresh-token rotation and reuse detection, logout, closed registration, the
// authentication wall on every protected route (with path variants), the sign-in
// rate limit, the administrator routes, and a password reset whose mail goes
// through a real SMTP server (Debian's python3-aiosmtpd).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "accounts_support.h"
#include "backend.h"
#include "core/config.h"
#include "db/database.h"
#include "http_client.h"
#include "sanad_process.h"
#include "subprocess.h"
#include "temp_dir.h"

namespace sanad::testing {
namespace {

using nlohmann::json;

std::optional<HttpResponse> post_json(uint16_t port, const std::string& target, const json& body,
                                      std::map<std::string, std::string> headers = {}) {
  headers["Content-Type"] = "application/json";
  return http_request(port, "POST", target, headers, body.dump());
}

TEST(AccountsApi, RegisterSignInRefreshRotationReuseAndLogout) {
  TestEnvironment t;
  SanadServer server(t.env);
  uint16_t port = server.port();

  auto providers = http_get(port, "/api/auth/providers");
  ASSERT_TRUE(providers);
  EXPECT_EQ(providers->status, 200);
  EXPECT_EQ(json::parse(providers->body),
            json({{"password", true}, {"registration", "open"}, {"oidc", json::array()}}));

  auto registered =
      post_json(port, "/api/auth/register", {{"email", "Nour@Example.org"}, {"password", kTestPassword}, {"name", "Nour"}});
  ASSERT_TRUE(registered);
  ASSERT_EQ(registered->status, 201) << registered->body;
  auto session = json::parse(registered->body);
  EXPECT_EQ(session["user"]["role"], "member");
  EXPECT_EQ(session["expires_in"], 900);
  EXPECT_FALSE(session["user"].contains("password_hash"));

  // The same address in another case is taken; a weak password is refused.
  auto again = post_json(port, "/api/auth/register", {{"email", "nour@example.ORG"}, {"password", kTestPassword}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  auto weak = post_json(port, "/api/auth/register", {{"email", "weak@example.org"}, {"password", "password"}});
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->status, 400);

  json login = sign_in(port, "NOUR@example.org", kTestPassword);
  auto me = http_get(port, "/api/me", bearer(login["access_token"]));
  ASSERT_TRUE(me);
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(json::parse(me->body)["email"], "Nour@Example.org");
  EXPECT_TRUE(json::parse(me->body)["last_login_at"].is_string());

  // Rotation: the new refresh token works once; the old one is a reuse that
  // revokes the whole family, the newest token included.
  std::string first = login["refresh_token"];
  auto rotated = post_json(port, "/api/auth/refresh", {{"refresh_token", first}});
  ASSERT_TRUE(rotated);
  ASSERT_EQ(rotated->status, 200) << rotated->body;
  std::string second = json::parse(rotated->body)["refresh_token"];
  EXPECT_NE(second, first);
  EXPECT_EQ(http_get(port, "/api/me", bearer(json::parse(rotated->body)["access_token"]))->status, 200);
  auto reuse = post_json(port, "/api/auth/refresh", {{"refresh_token", first}});
  ASSERT_TRUE(reuse);
  EXPECT_EQ(reuse->status, 401);
  auto after_reuse = post_json(port, "/api/auth/refresh", {{"refresh_token", second}});
  ASSERT_TRUE(after_reuse);
  EXPECT_EQ(after_reuse->status, 401);

  // Logout revokes the family of the token given.
  json other = sign_in(port, "nour@example.org", kTestPassword);
  auto out = post_json(port, "/api/auth/logout", {{"refresh_token", other["refresh_token"]}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  auto after_logout = post_json(port, "/api/auth/refresh", {{"refresh_token", other["refresh_token"]}});
  ASSERT_TRUE(after_logout);
  EXPECT_EQ(after_logout->status, 401);

  // A refresh token is not an access token.
  EXPECT_EQ(http_get(port, "/api/me", bearer(other["refresh_token"]))->status, 401);
}

TEST(AccountsApi, PasswordChangeEndsEveryOtherSession) {
  TestEnvironment t;
  SanadServer server(t.env);
  uint16_t port = server.port();
  auto [code, output] = create_account(t.env, "adel@example.org", kTestPassword, false);
  ASSERT_EQ(code, 0) << output;
  json laptop = sign_in(port, "adel@example.org", kTestPassword);
  json phone = sign_in(port, "adel@example.org", kTestPassword);

  std::string new_password = "amber-canyon-falcon-31";
  auto wrong = post_json(port, "/api/me/password", {{"current_password", "not it at all"}, {"new_password", new_password}},
                         bearer(laptop["access_token"]));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto changed = post_json(port, "/api/me/password", {{"current_password", kTestPassword}, {"new_password", new_password}},
                           bearer(laptop["access_token"]));
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  json fresh = json::parse(changed->body);

  for (const json* old : {&laptop, &phone}) {
    auto refreshed = post_json(port, "/api/auth/refresh", {{"refresh_token", (*old)["refresh_token"]}});
    ASSERT_TRUE(refreshed);
    EXPECT_EQ(refreshed->status, 401);
  }
  auto kept = post_json(port, "/api/auth/refresh", {{"refresh_token", fresh["refresh_token"]}});
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->status, 200);
  EXPECT_NO_THROW(sign_in(port, "adel@example.org", new_password));
}

TEST(AccountsApi, UserCreateCommand) {
  TestEnvironment t;
  // The password only ever comes from stdin.
  auto [no_stdin_code, no_stdin_output] = run_sanad({"user", "create", "--email", "a@example.org"}, t.env);
  EXPECT_NE(no_stdin_code, 0);
  EXPECT_NE(no_stdin_output.find("--password-stdin"), std::string::npos) << no_stdin_output;
  auto [weak_code, weak_output] = create_account(t.env, "a@example.org", "short", true);
  EXPECT_NE(weak_code, 0);
  auto [code, output] = create_account(t.env, "Root@Example.org", kTestPassword, true);
  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("created admin Root@Example.org"), std::string::npos) << output;
  auto [dup_code, dup_output] = create_account(t.env, "root@example.org", kTestPassword, false);
  EXPECT_NE(dup_code, 0);
  EXPECT_NE(dup_output.find("already exists"), std::string::npos) << dup_output;

  SanadServer server(t.env);
  json session = sign_in(server.port(), "root@example.org", kTestPassword);
  EXPECT_EQ(session["user"]["role"], "admin");
  EXPECT_EQ(session["user"]["name"], "Tester");
}

TEST(AccountsApi, ClosedRegistrationIsForbidden) {
  TestEnvironment t;
  t.env["SANAD_REGISTRATION"] = "closed";
  SanadServer server(t.env);
  auto refused =
      post_json(server.port(), "/api/auth/register", {{"email", "x@example.org"}, {"password", kTestPassword}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(json::parse(refused->body)["error"]["code"], "permission_denied");
  EXPECT_EQ(json::parse(http_get(server.port(), "/api/auth/providers")->body)["registration"], "closed");
}

TEST(AccountsApi, DisabledAccountLosesItsSessions) {
  TestEnvironment t;
  SanadServer server(t.env);
  auto [code, output] = create_account(t.env, "sara@example.org", kTestPassword, false);
  ASSERT_EQ(code, 0) << output;
  json session = sign_in(server.port(), "sara@example.org", kTestPassword);
  ASSERT_EQ(http_get(server.port(), "/api/me", bearer(session["access_token"]))->status, 200);

  core::DatabaseConfig config;
  config.url = t.database->url();
  config.pool_size = 1;
  auto db = db::Database::open(config);
  ASSERT_TRUE(db.is_ok()) << db.status().to_string();
  ASSERT_TRUE((*db)->exec("UPDATE users SET active = 0 WHERE email_normalized = ?", {std::string("sara@example.org")}));

  EXPECT_EQ(http_get(server.port(), "/api/me", bearer(session["access_token"]))->status, 401);
  auto refreshed = post_json(server.port(), "/api/auth/refresh", {{"refresh_token", session["refresh_token"]}});
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(refreshed->status, 401);
  auto login = post_json(server.port(), "/api/auth/login", {{"email", "sara@example.org"}, {"password", kTestPassword}});
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 401);
}

TEST(AccountsApi, EveryProtectedRouteNeedsAToken) {
  TestEnvironment t;
  SanadServer server(t.env);
  uint16_t port = server.port();
  std::string member_token;
  {
    auto [code, output] = create_account(t.env, "member@example.org", kTestPassword, false);
    ASSERT_EQ(code, 0) << output;
    member_token = sign_in(port, "member@example.org", kTestPassword)["access_token"];
  }
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/me"},         {"POST", "/api/me/password"},   {"GET", "/api/users"},  {"POST", "/api/users"},
      {"GET", "/api/groups"},     {"POST", "/api/groups"},        {"PUT", "/api/groups/01g/members"},
      {"GET", "/api/jobs/01j"},   {"POST", "/api/jobs/01j/cancel"}, {"GET", "/api/jobs/01j/events"},
      {"GET", "/api/nothing-here"}};
  auto variants = [](const std::string& path) {
    std::string upper = path;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string doubled = std::regex_replace(path, std::regex("/"), "//");
    std::string encoded = "/api%2F" + path.substr(5);
    return std::vector<std::string>{path, upper, doubled, encoded, path + "/", path + ";x", "/api;x/" + path.substr(5)};
  };
  const std::vector<std::map<std::string, std::string>> bad_credentials = {
      {},
      {{"Authorization", "Bearer"}},
      {{"Authorization", "Bearer not-a-token"}},
      {{"Authorization", "Basic bWVtYmVyQGV4YW1wbGUub3JnOnB3"}},
      {{"Authorization", "Bearer " + member_token + "x"}},
      {{"Authorization", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4In0."}},
  };
  for (const auto& [method, path] : routes) {
    for (const std::string& target : variants(path)) {
      for (const auto& headers : bad_credentials) {
        auto response = http_request(port, method, target, headers, method == "GET" ? "" : "{}");
        ASSERT_TRUE(response) << method << " " << target;
        EXPECT_TRUE(response->status == 401 || response->status == 400)
            << method << " " << target << " -> " << response->status << " " << response->body;
        if (response->status == 401) {
          EXPECT_EQ(json::parse(response->body)["error"]["code"], "unauthenticated") << target;
        }
      }
    }
  }
  // A member passes the wall but not the administrator routes.
  for (const auto& [method, path] : routes) {
    if (path.rfind("/api/users", 0) != 0 && path.rfind("/api/groups", 0) != 0) continue;
    auto response = http_request(port, method, path, bearer(member_token), method == "GET" ? "" : "{}");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 403) << method << " " << path;
  }
  // Public routes stay public.
  EXPECT_EQ(http_get(port, "/health/live")->status, 200);
  EXPECT_EQ(http_get(port, "/api/openapi.json")->status, 200);
  EXPECT_EQ(http_get(port, "/api/auth/providers")->status, 200);
}

TEST(AccountsApi, SixthFailedSignInIsRateLimited) {
  TestEnvironment t;
  SanadServer server(t.env);
  auto [code, output] = create_account(t.env, "omar@example.org", kTestPassword, false);
  ASSERT_EQ(code, 0) << output;
  for (int i = 0; i < 5; ++i) {
    auto failed =
        post_json(server.port(), "/api/auth/login", {{"email", "omar@example.org"}, {"password", "wrong password " + std::to_string(i)}});
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status, 401) << i;
  }
  // The sixth attempt is refused before the password is looked at, even a right one.
  auto limited = post_json(server.port(), "/api/auth/login", {{"email", "OMAR@example.org"}, {"password", kTestPassword}});
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  ASSERT_FALSE(limited->header("retry-after").empty());
  int retry_after = std::stoi(limited->header("retry-after"));
  EXPECT_GT(retry_after, 800);
  EXPECT_LE(retry_after, 900);
  // Another account from the same address is still served.
  auto [code2, output2] = create_account(t.env, "lina@example.org", kTestPassword, false);
  ASSERT_EQ(code2, 0) << output2;
  EXPECT_NO_THROW(sign_in(server.port(), "lina@example.org", kTestPassword));
}

TEST(AccountsApi, AdministratorsManageUsersAndGroups) {
  TestEnvironment t;
  SanadServer server(t.env);
  uint16_t port = server.port();
  auto admin = bearer(admin_token(t.env, port));
  auto created = post_json(port, "/api/users",
                           {{"email", "rami@example.org"}, {"password", kTestPassword}, {"name", "Rami"}, {"role", "editor"}},
                           admin);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  std::string rami = json::parse(created->body)["id"];
  EXPECT_EQ(json::parse(created->body)["role"], "editor");
  auto bad_role = post_json(port, "/api/users", {{"email", "x@example.org"}, {"password", kTestPassword}, {"role", "root"}}, admin);
  ASSERT_TRUE(bad_role);
  EXPECT_EQ(bad_role->status, 400);

  auto users = http_get(port, "/api/users", admin);
  ASSERT_TRUE(users);
  ASSERT_EQ(users->status, 200);
  EXPECT_EQ(json::parse(users->body)["users"].size(), 2u);

  auto group = post_json(port, "/api/groups", {{"name", "Finance"}}, admin);
  ASSERT_TRUE(group);
  ASSERT_EQ(group->status, 201) << group->body;
  std::string gid = json::parse(group->body)["id"];
  EXPECT_EQ(post_json(port, "/api/groups", {{"name", "finance"}}, admin)->status, 409);
  auto members = http_request(port, "PUT", "/api/groups/" + gid + "/members", admin,
                              json({{"user_ids", {rami}}}).dump());
  ASSERT_TRUE(members);
  ASSERT_EQ(members->status, 200) << members->body;
  EXPECT_EQ(json::parse(members->body)["member_ids"], json::array({rami}));
  auto unknown_user = http_request(port, "PUT", "/api/groups/" + gid + "/members", admin,
                                   json({{"user_ids", {"nobody"}}}).dump());
  EXPECT_EQ(unknown_user->status, 400);
  auto unknown_group = http_request(port, "PUT", "/api/groups/01nope/members", admin, json({{"user_ids", json::array()}}).dump());
  EXPECT_EQ(unknown_group->status, 404);
  auto groups = http_get(port, "/api/groups", admin);
  ASSERT_TRUE(groups);
  EXPECT_EQ(json::parse(groups->body)["groups"][0]["member_ids"], json::array({rami}));
}

// Debian's python3-aiosmtpd on a free loopback port, writing each mail it receives
// into a temp dir (tests/unit/auth/smtp_sink.py).
class SmtpSink {
 public:
  SmtpSink() : port_(free_port()) {
    std::map<std::string, std::string> env = {{"PATH", "/usr/bin:/bin"},
                                              {"PYTHONPATH", SANAD_SOURCE_DIR "/tests/unit/auth"},
                                              {"PYTHONDONTWRITEBYTECODE", "1"}};
    process_ = std::make_unique<Subprocess>(
        std::vector<std::string>{"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                                 "127.0.0.1:" + std::to_string(port_), "-c", "smtp_sink.Sink", dir_.path()},
        env);
  }
  bool wait_ready(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int delay_ms = 5;
    while (std::chrono::steady_clock::now() < deadline) {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(port_);
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
      ::close(fd);
      if (ok) return true;
      // Backing off between connection attempts, bounded by the deadline.
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      delay_ms = std::min(delay_ms * 2, 200);
    }
    return false;
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::string mail_path(int n) const { return dir_.file(std::to_string(n) + ".json"); }
  Subprocess& process() { return *process_; }

 private:
  static uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }
  uint16_t port_;
  TempDir dir_;
  std::unique_ptr<Subprocess> process_;
};

// Waits for `path` to appear (the server sends the mail after answering).
bool wait_for_file(const std::string& path, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int delay_ms = 5;
  while (!std::filesystem::exists(path)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Backing off between checks, bounded by the deadline.
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    delay_ms = std::min(delay_ms * 2, 100);
  }
  return true;
}

json read_json_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str(), nullptr, false);
}

TEST(AccountsApi, PasswordResetByMailEndToEnd) {
  SmtpSink smtp;
  ASSERT_TRUE(smtp.wait_ready(std::chrono::seconds(20))) << smtp.process().stderr_text();
  TestEnvironment t;
  t.env["SMTP_URL"] = smtp.url();
  t.env["FRONTEND_URL"] = "https://sanad.example/";
  SanadServer server(t.env);
  uint16_t port = server.port();
  auto [code, output] = create_account(t.env, "yara@example.org", kTestPassword, false);
  ASSERT_EQ(code, 0) << output;
  json before = sign_in(port, "yara@example.org", kTestPassword);

  // Unknown and known addresses get the same answer; only the known one gets mail.
  auto unknown = post_json(port, "/api/auth/password/forgot", {{"email", "ghost@example.org"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 202);
  auto known = post_json(port, "/api/auth/password/forgot", {{"email", "YARA@example.org"}}, {{"Accept-Language", "en"}});
  ASSERT_TRUE(known);
  EXPECT_EQ(known->status, 202);
  EXPECT_EQ(known->body, unknown->body);
  // The mail is sent in the background, in request order: the unknown address
  // queued nothing, so the first mail is the known account's and there is no second.
  ASSERT_TRUE(wait_for_file(smtp.mail_path(1), std::chrono::seconds(20))) << server.process().stderr_text();
  EXPECT_FALSE(std::filesystem::exists(smtp.mail_path(2)));
  json mail = read_json_file(smtp.mail_path(1));
  EXPECT_EQ(mail["rcpt_tos"], json::array({"yara@example.org"}));
  std::smatch match;
  std::string body = mail["body"];
  ASSERT_TRUE(std::regex_search(body, match, std::regex(R"(https://sanad\.example/reset\?token=([A-Za-z0-9_-]{43}))")))
      << body;
  std::string token = match[1];

  std::string new_password = "quiet-orchard-lantern-77";
  auto weak = post_json(port, "/api/auth/password/reset", {{"token", token}, {"password", "short"}});
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->status, 400);  // refused before the token is spent
  auto reset = post_json(port, "/api/auth/password/reset", {{"token", token}, {"password", new_password}});
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 204) << reset->body;
  auto twice = post_json(port, "/api/auth/password/reset", {{"token", token}, {"password", "another-new-pass-99"}});
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 400);
  EXPECT_EQ(json::parse(twice->body)["error"]["code"], "invalid_token");

  // The new password works, the old one does not, and earlier sessions ended.
  EXPECT_NO_THROW(sign_in(port, "yara@example.org", new_password));
  auto old = post_json(port, "/api/auth/login", {{"email", "yara@example.org"}, {"password", kTestPassword}});
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 401);
  auto old_session = post_json(port, "/api/auth/refresh", {{"refresh_token", before["refresh_token"]}});
  ASSERT_TRUE(old_session);
  EXPECT_EQ(old_session->status, 401);
}

}  // namespace
}  // namespace sanad::testing
