#pragma once
// A signed-in caller of the API for integration tests: one keep-alive connection
// (reopened when the server closes it), the bearer token on every request, and
// shorthands for the library routes the permission tests use.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "http_client.h"

namespace sanad::testing {

class ApiClient {
 public:
  ApiClient(uint16_t port, std::string token) : port_(port), token_(std::move(token)) {}

  // Sends one request (JSON content type unless `content_type` says otherwise).
  // Throws std::runtime_error when no response comes even on a fresh connection.
  HttpResponse call(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& content_type = "application/json");
  HttpResponse get(const std::string& target) { return call("GET", target); }

  // The JSON body of a call that must answer `expected_status`; throws otherwise.
  nlohmann::json expect_json(const std::string& method, const std::string& target, int expected_status,
                             const nlohmann::json& body = nullptr);

  // POST /api/folders; returns the new folder's id (throws unless 201).
  std::string create_folder(const std::string& name, const std::string& parent_id = "");
  // PUT /api/folders/{id}/permissions with `entries`; throws unless 200.
  void set_permissions(const std::string& folder_id, const nlohmann::json& entries);
  // POST /api/documents (multipart) of `content` named `file_name` into the folder.
  HttpResponse upload(const std::string& folder_id, const std::string& file_name, const std::string& content);

  uint16_t port() const { return port_; }
  const std::string& token() const { return token_; }

 private:
  uint16_t port_;
  // True when the server said it closes the connection after this response.
  static bool closes_connection(const HttpResponse& response);

  std::string token_;
  std::unique_ptr<HttpConnection> connection_;
};

// Creates a user through POST /api/users (as `admin`) and signs in; returns the
// user's id and a client holding its token.
struct SignedInUser {
  std::string id;
  std::string email;
  std::unique_ptr<ApiClient> api;
};
SignedInUser create_signed_in_user(ApiClient& admin, const std::string& email, const std::string& role = "member");

}  // namespace sanad::testing
