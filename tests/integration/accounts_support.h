#pragma once
// Accounts for integration tests: create one with the real `sanad user create`
// (password on stdin), sign in over HTTP, and build the Authorization header.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace sanad::testing {

// A password that passes the policy (and is in no common-password list).
inline constexpr char kTestPassword[] = "grey-heron-river-4821";

// Runs `sanad user create --email E --password-stdin [--admin]` with `env` (the
// server's environment, so the same database); returns {exit code, output}.
std::pair<int, std::string> create_account(const std::map<std::string, std::string>& env, const std::string& email,
                                           const std::string& password, bool admin);

// POST /api/auth/login; returns the session JSON. Throws std::runtime_error on
// anything but 200.
nlohmann::json sign_in(uint16_t port, const std::string& email, const std::string& password);

// Creates an administrator with kTestPassword and returns its access token.
std::string admin_token(const std::map<std::string, std::string>& env, uint16_t port,
                        const std::string& email = "admin@example.org");

// {"Authorization": "Bearer <token>"} (plus JSON content type).
std::map<std::string, std::string> bearer(const std::string& token);

}  // namespace sanad::testing
