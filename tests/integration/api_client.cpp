#include "api_client.h"

#include <stdexcept>

#include "accounts_support.h"

namespace sanad::testing {

namespace {
const std::string kBoundary = "----sanad-api-client-5c1e";
}  // namespace

HttpResponse ApiClient::call(const std::string& method, const std::string& target, const std::string& body,
                             const std::string& content_type) {
  std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token_}};
  if (!body.empty()) headers.emplace("Content-Type", content_type);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!connection_ || !connection_->connected()) connection_ = std::make_unique<HttpConnection>(port_);
    auto response = connection_->request(method, target, headers, body);
    if (response) {
      if (closes_connection(*response)) connection_.reset();
      return *response;
    }
    connection_.reset();  // the server closed an idle connection: try a fresh one
  }
  throw std::runtime_error("no response for " + method + " " + target);
}

bool ApiClient::closes_connection(const HttpResponse& response) {
  std::string value = response.header("connection");
  for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value == "close";
}

nlohmann::json ApiClient::expect_json(const std::string& method, const std::string& target, int expected_status,
                                      const nlohmann::json& body) {
  HttpResponse r = call(method, target, body.is_null() ? std::string() : body.dump());
  if (r.status != expected_status) {
    throw std::runtime_error(method + " " + target + " -> " + std::to_string(r.status) + " " + r.body);
  }
  return r.body.empty() ? nlohmann::json() : nlohmann::json::parse(r.body);
}

std::string ApiClient::create_folder(const std::string& name, const std::string& parent_id) {
  nlohmann::json body{{"name", name}};
  if (!parent_id.empty()) body["parent_id"] = parent_id;
  return expect_json("POST", "/api/folders", 201, body)["id"].get<std::string>();
}

void ApiClient::set_permissions(const std::string& folder_id, const nlohmann::json& entries) {
  expect_json("PUT", "/api/folders/" + folder_id + "/permissions", 200, {{"entries", entries}});
}

HttpResponse ApiClient::upload(const std::string& folder_id, const std::string& file_name, const std::string& content) {
  std::string body = "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"folder_id\"\r\n\r\n" + folder_id +
                     "\r\n--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                     file_name + "\"\r\nContent-Type: text/markdown\r\n\r\n" + content + "\r\n--" + kBoundary +
                     "--\r\n";
  return call("POST", "/api/documents", body, "multipart/form-data; boundary=" + kBoundary);
}

SignedInUser create_signed_in_user(ApiClient& admin, const std::string& email, const std::string& role) {
  auto user = admin.expect_json("POST", "/api/users", 201,
                                {{"email", email}, {"password", kTestPassword}, {"name", email}, {"role", role}});
  SignedInUser out;
  out.id = user.contains("user") ? user["user"]["id"].get<std::string>() : user["id"].get<std::string>();
  out.email = email;
  std::string token = sign_in(admin.port(), email, kTestPassword)["access_token"].get<std::string>();
  out.api = std::make_unique<ApiClient>(admin.port(), std::move(token));
  return out;
}

}  // namespace sanad::testing
