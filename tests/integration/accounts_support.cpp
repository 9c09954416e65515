#include "accounts_support.h"

#include <chrono>
#include <stdexcept>

#include "http_client.h"
#include "sanad_process.h"
#include "subprocess.h"

namespace sanad::testing {

std::pair<int, std::string> create_account(const std::map<std::string, std::string>& env, const std::string& email,
                                           const std::string& password, bool admin) {
  // The shell only pipes the password in; the values travel as environment
  // variables, so nothing needs quoting.
  std::map<std::string, std::string> child_env = env;
  child_env["SANAD_TEST_PASSWORD"] = password;
  child_env["SANAD_TEST_EMAIL"] = email;
  child_env["SANAD_TEST_BINARY"] = sanad_binary();
  std::string command =
      "printf '%s\\n' \"$SANAD_TEST_PASSWORD\" | \"$SANAD_TEST_BINARY\" user create --email \"$SANAD_TEST_EMAIL\" "
      "--password-stdin --name Tester";
  if (admin) command += " --admin";
  Subprocess process({"/bin/sh", "-c", command}, child_env);
  auto code = process.wait(std::chrono::seconds(60));
  return {code.value_or(-1), process.stdout_text() + process.stderr_text()};
}

nlohmann::json sign_in(uint16_t port, const std::string& email, const std::string& password) {
  auto response = http_request(port, "POST", "/api/auth/login", {{"Content-Type", "application/json"}},
                               nlohmann::json{{"email", email}, {"password", password}}.dump());
  if (!response || response->status != 200) {
    throw std::runtime_error("sign-in failed: " + (response ? std::to_string(response->status) + " " + response->body
                                                            : std::string("no response")));
  }
  return nlohmann::json::parse(response->body);
}

std::string admin_token(const std::map<std::string, std::string>& env, uint16_t port, const std::string& email) {
  auto [code, output] = create_account(env, email, kTestPassword, true);
  if (code != 0) throw std::runtime_error("sanad user create failed: " + output);
  return sign_in(port, email, kTestPassword)["access_token"].get<std::string>();
}

std::map<std::string, std::string> bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

}  // namespace sanad::testing
