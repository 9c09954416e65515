#include "api/folder_routes.h"

#include "api/authentication.h"
#include "api/library_json.h"
#include "api/request_json.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

using library::Permission;
using PermissionMap = std::unordered_map<std::string, Permission>;

Status only_administrators_at_the_root(const http::Request& req) {
  const accounts::User* user = current_user(req);
  if (user == nullptr) return unauthenticated("sign in first");
  if (user->role != accounts::kRoleAdmin) return permission_denied("only administrators create root folders");
  return {};
}

// The readable part of `nodes`: a readable folder keeps its (readable) children;
// the readable descendants of an unreadable folder move up to its level.
void readable_forest(const std::vector<library::FolderNode>& nodes, const PermissionMap& readable,
                     nlohmann::json& out) {
  for (const auto& node : nodes) {
    auto it = readable.find(node.folder.id);
    if (it == readable.end()) {
      readable_forest(node.children, readable, out);
      continue;
    }
    nlohmann::json item = folder_to_json(node.folder);
    item["permission"] = std::string(library::permission_name(it->second));
    item["children"] = nlohmann::json::array();
    readable_forest(node.children, readable, item["children"]);
    out.push_back(std::move(item));
  }
}

http::Response list_folders(library::Library& library, const AccessScope& scope, http::Request& req) {
  auto readable = scope.readable_folders(req);
  if (!readable) return http::error_response(readable.status());
  auto tree = library.folder_tree();
  if (!tree) return http::error_response(tree.status());
  nlohmann::json folders = nlohmann::json::array();
  readable_forest(*tree, *readable, folders);
  return http::Response::json(200, nlohmann::json{{"folders", folders}}.dump());
}

http::Response create_folder(library::Library& library, const AccessScope& scope, http::Request& req) {
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto name = optional_string(*body, "name");
  if (!name) return http::error_response(name.status());
  auto parent = optional_string(*body, "parent_id");
  if (!parent) return http::error_response(parent.status());
  if (!*name) return http::error_response(invalid_argument("'name' is required"));
  Status allowed = *parent ? scope.require_folder(req, **parent, Permission::kWrite)
                           : only_administrators_at_the_root(req);
  if (!allowed) {
    if (allowed.code() == ErrorCode::kNotFound) return http::error_response(not_found("no parent folder " + **parent));
    return http::error_response(allowed);
  }
  const accounts::User* user = current_user(req);
  auto folder = library.create_folder(**name, *parent, user ? std::optional<std::string>(user->id) : std::nullopt);
  if (!folder) return http::error_response(folder.status());
  return http::Response::json(201, folder_to_json(*folder).dump());
}

http::Response update_folder(library::Library& library, const AccessScope& scope, http::Request& req) {
  std::string id(req.param("id"));
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto name = optional_string(*body, "name");
  if (!name) return http::error_response(name.status());
  auto parent = optional_string(*body, "parent_id");
  if (!parent) return http::error_response(parent.status());
  if (Status s = scope.require_folder(req, id, Permission::kManage); !s) return http::error_response(s);
  if (!*name && !body->contains("parent_id")) {
    return http::error_response(invalid_argument("give 'name' and/or 'parent_id'"));
  }
  if (body->contains("parent_id")) {
    Status allowed = *parent ? scope.require_folder(req, **parent, Permission::kWrite)
                             : only_administrators_at_the_root(req);
    if (!allowed) return http::error_response(allowed);
    auto moved = library.move_folder(id, *parent);
    if (!moved) return http::error_response(moved.status());
  }
  if (*name) {
    auto renamed = library.rename_folder(id, **name);
    if (!renamed) return http::error_response(renamed.status());
  }
  auto folder = library.get_folder(id);
  if (!folder) return http::error_response(folder.status());
  return http::Response::json(200, folder_to_json(*folder).dump());
}

http::Response delete_folder(library::Library& library, const AccessScope& scope, http::Request& req) {
  std::string id(req.param("id"));
  if (Status s = scope.require_folder(req, id, Permission::kManage); !s) return http::error_response(s);
  auto recursive = req.query_param("recursive");
  bool is_recursive = recursive && (*recursive == "true" || *recursive == "1");
  if (Status s = library.delete_folder(id, is_recursive); !s) return http::error_response(s);
  return http::Response::no_content();
}

}  // namespace

void add_folder_routes(http::Router& router, library::Library& library, const AccessScope& scope) {
  router.add(
      "GET", "/api/folders", [&library, &scope](http::Request& req) { return list_folders(library, scope, req); },
      pooled("folders.list"));
  router.add(
      "POST", "/api/folders", [&library, &scope](http::Request& req) { return create_folder(library, scope, req); },
      pooled("folders.create"));
  router.add(
      "PATCH", "/api/folders/{id}",
      [&library, &scope](http::Request& req) { return update_folder(library, scope, req); },
      pooled("folders.update"));
  router.add(
      "DELETE", "/api/folders/{id}",
      [&library, &scope](http::Request& req) { return delete_folder(library, scope, req); },
      pooled("folders.delete"));
}

}  // namespace sanad::api
