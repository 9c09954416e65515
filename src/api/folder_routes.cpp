#include "api/folder_routes.h"

#include "api/authentication.h"
#include "api/library_json.h"
#include "api/request_json.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

http::Response list_folders(library::Library& library) {
  auto tree = library.folder_tree();
  if (!tree) return http::error_response(tree.status());
  nlohmann::json folders = nlohmann::json::array();
  for (const auto& node : *tree) folders.push_back(folder_node_to_json(node));
  return http::Response::json(200, nlohmann::json{{"folders", folders}}.dump());
}

http::Response create_folder(library::Library& library, http::Request& req) {
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto name = optional_string(*body, "name");
  if (!name) return http::error_response(name.status());
  auto parent = optional_string(*body, "parent_id");
  if (!parent) return http::error_response(parent.status());
  if (!*name) return http::error_response(invalid_argument("'name' is required"));
  const auto* user = current_user(req);
  auto folder = library.create_folder(**name, *parent, user ? std::optional(user->id) : std::nullopt);
  if (!folder) return http::error_response(folder.status());
  return http::Response::json(201, folder_to_json(*folder).dump());
}

http::Response update_folder(library::Library& library, http::Request& req) {
  std::string id(req.param("id"));
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto name = optional_string(*body, "name");
  if (!name) return http::error_response(name.status());
  auto parent = optional_string(*body, "parent_id");
  if (!parent) return http::error_response(parent.status());
  if (!*name && !body->contains("parent_id")) {
    return http::error_response(invalid_argument("give 'name' and/or 'parent_id'"));
  }
  if (body->contains("parent_id")) {
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

http::Response delete_folder(library::Library& library, http::Request& req) {
  auto recursive = req.query_param("recursive");
  bool is_recursive = recursive && (*recursive == "true" || *recursive == "1");
  if (Status s = library.delete_folder(std::string(req.param("id")), is_recursive); !s) {
    return http::error_response(s);
  }
  return http::Response::no_content();
}

}  // namespace

void add_folder_routes(http::Router& router, library::Library& library) {
  router.add("GET", "/api/folders", [&library](http::Request&) { return list_folders(library); },
             pooled("folders.list"));
  router.add("POST", "/api/folders", [&library](http::Request& req) { return create_folder(library, req); },
             pooled("folders.create"));
  router.add("PATCH", "/api/folders/{id}", [&library](http::Request& req) { return update_folder(library, req); },
             pooled("folders.update"));
  router.add("DELETE", "/api/folders/{id}", [&library](http::Request& req) { return delete_folder(library, req); },
             pooled("folders.delete"));
}

}  // namespace sanad::api
