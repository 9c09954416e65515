#include "api/group_routes.h"

#include "api/account_json.h"
#include "api/authentication.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

void audit(AccountServices& s, const http::Request& req, std::string event, std::string target,
           nlohmann::json detail) {
  accounts::AuditEvent e;
  e.event = std::move(event);
  e.actor_id = current_user(req)->id;
  e.target = std::move(target);
  e.ip = req.client_ip;
  e.detail = std::move(detail);
  if (Status st = s.audit.record(std::move(e)); !st) s.logger.warn("audit log write failed", {{"error", st.to_string()}});
}

http::Response list_groups(AccountServices& s, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  auto groups = s.groups.list();
  if (!groups) return http::error_response(groups.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& g : *groups) items.push_back(group_to_json(g));
  return http::Response::json(200, nlohmann::json{{"groups", items}}.dump());
}

http::Response create_group(AccountServices& s, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto name = required_string(*body, "name");
  if (!name) return http::error_response(name.status());
  auto group = s.groups.create(*name);
  if (!group) return http::error_response(group.status());
  audit(s, req, "group.created", group->id, {{"name", group->name}});
  return http::Response::json(201, group_to_json(*group).dump());
}

http::Response set_members(AccountServices& s, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto it = body->find("user_ids");
  if (it == body->end() || !it->is_array()) {
    return http::error_response(invalid_argument("'user_ids' must be an array of user ids"));
  }
  std::vector<std::string> ids;
  for (const auto& id : *it) {
    if (!id.is_string()) return http::error_response(invalid_argument("'user_ids' must hold strings"));
    ids.push_back(id.get<std::string>());
  }
  auto group = s.groups.set_members(req.param("id"), ids);
  if (!group) return http::error_response(group.status());
  audit(s, req, "group.members", group->id, {{"user_ids", group->member_ids}});
  return http::Response::json(200, group_to_json(*group).dump());
}

}  // namespace

void add_group_routes(http::Router& router, AccountServices& s) {
  router.add("GET", "/api/groups", [&s](http::Request& r) { return list_groups(s, r); }, pooled("groups.list"));
  router.add("POST", "/api/groups", [&s](http::Request& r) { return create_group(s, r); }, pooled("groups.create"));
  router.add("PUT", "/api/groups/{id}/members", [&s](http::Request& r) { return set_members(s, r); },
             pooled("groups.members"));
}

}  // namespace sanad::api
