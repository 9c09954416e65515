#include "api/permission_routes.h"

#include "api/authentication.h"
#include "api/request_json.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

using library::Permission;
using library::PermissionEntry;

nlohmann::json entries_to_json(const std::vector<PermissionEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) {
    out.push_back({{"principal", e.principal}, {"permission", std::string(library::permission_name(e.permission))}});
  }
  return out;
}

Result<std::vector<PermissionEntry>> parse_entries(const nlohmann::json& body) {
  auto it = body.find("entries");
  if (it == body.end() || !it->is_array()) return invalid_argument("'entries' must be an array");
  std::vector<PermissionEntry> out;
  for (const auto& item : *it) {
    if (!item.is_object()) return invalid_argument("each entry is {principal, permission}");
    SANAD_ASSIGN_OR_RETURN(auto principal, optional_string(item, "principal"));
    SANAD_ASSIGN_OR_RETURN(auto permission, optional_string(item, "permission"));
    if (!principal || !permission) return invalid_argument("each entry is {principal, permission}");
    SANAD_RETURN_IF_ERROR(library::validate_principal(*principal));
    SANAD_ASSIGN_OR_RETURN(Permission p, library::parse_permission(*permission));
    out.push_back({*principal, p});
  }
  return out;
}

// invalid_argument naming the first user or group that does not exist.
Status check_principals_exist(AccountServices& accounts, const std::vector<PermissionEntry>& entries) {
  for (const auto& e : entries) {
    const auto colon = e.principal.find(':');
    if (colon == std::string::npos) continue;
    const std::string kind = e.principal.substr(0, colon);
    const std::string id = e.principal.substr(colon + 1);
    Status found = kind == "user" ? accounts.users.get(id).status() : accounts.groups.get(id).status();
    if (found.code() == ErrorCode::kNotFound) return invalid_argument("no " + kind + " " + id);
    SANAD_RETURN_IF_ERROR(found);
  }
  return {};
}

http::Response get_permissions(const AccessScope& scope, http::Request& req) {
  std::string id(req.param("id"));
  if (Status s = scope.require_folder(req, id, Permission::kManage); !s) return http::error_response(s);
  auto entries = scope.permissions().entries(id);
  if (!entries) return http::error_response(entries.status());
  return http::Response::json(200, nlohmann::json{{"entries", entries_to_json(*entries)}}.dump());
}

http::Response put_permissions(const AccessScope& scope, AccountServices& accounts, http::Request& req) {
  std::string id(req.param("id"));
  if (Status s = scope.require_folder(req, id, Permission::kManage); !s) return http::error_response(s);
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto entries = parse_entries(*body);
  if (!entries) return http::error_response(entries.status());
  if (Status s = check_principals_exist(accounts, *entries); !s) return http::error_response(s);
  auto previous = scope.permissions().entries(id);
  if (!previous) return http::error_response(previous.status());
  auto stored = scope.permissions().replace_entries(id, *entries);
  if (!stored) return http::error_response(stored.status());
  accounts::AuditEvent event;
  event.event = "folder.permissions";
  event.actor_id = current_user(req)->id;
  event.target = id;
  event.ip = req.client_ip;
  event.detail = {{"entries", entries_to_json(*stored)}, {"previous", entries_to_json(*previous)}};
  if (Status s = accounts.audit.record(std::move(event)); !s) {
    accounts.logger.warn("audit log write failed", {{"error", s.to_string()}});
  }
  return http::Response::json(200, nlohmann::json{{"entries", entries_to_json(*stored)}}.dump());
}

}  // namespace

void add_permission_routes(http::Router& router, const AccessScope& scope, AccountServices& accounts) {
  router.add(
      "GET", "/api/folders/{id}/permissions", [&scope](http::Request& req) { return get_permissions(scope, req); },
      pooled("folders.permissions_get"));
  router.add(
      "PUT", "/api/folders/{id}/permissions",
      [&scope, &accounts](http::Request& req) { return put_permissions(scope, accounts, req); },
      pooled("folders.permissions_put"));
}

}  // namespace sanad::api
