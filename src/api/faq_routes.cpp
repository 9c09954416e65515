#include "api/faq_routes.h"

#include "api/authentication.h"
#include "api/library_json.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

using library::Permission;

// The default FAQ folder: created for administrators; for others it must exist
// already (only administrators create root folders).
Result<std::string> default_faq_folder(library::Library& library, const http::Request& req) {
  const accounts::User* user = current_user(req);
  if (user != nullptr && user->role == accounts::kRoleAdmin) {
    SANAD_ASSIGN_OR_RETURN(library::Folder folder, library.ensure_root_folder(kDefaultFaqFolder));
    return folder.id;
  }
  SANAD_ASSIGN_OR_RETURN(auto folder, library.find_root_folder(kDefaultFaqFolder));
  if (!folder) return permission_denied("only administrators create root folders: give a folder_id");
  return folder->id;
}

http::Response import_faq(library::Library& library, const AccessScope& scope, http::Request& req) {
  std::string folder_id = req.query_param("folder_id").value_or("");
  if (folder_id.empty()) {
    auto folder = default_faq_folder(library, req);
    if (!folder) return http::error_response(folder.status());
    folder_id = *folder;
  }
  if (Status s = scope.require_folder(req, folder_id, Permission::kWrite); !s) return http::error_response(s);
  if (req.body_file.empty()) return http::error_response(invalid_argument("the CSV body is empty"));
  auto report = library.import_faq_csv(req.body_file, folder_id);
  if (!report) return http::error_response(report.status());
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : report->errors) errors.push_back({{"line", e.line}, {"message", e.message}});
  return http::Response::json(200, nlohmann::json{{"folder_id", folder_id},
                                                  {"inserted", report->inserted},
                                                  {"updated", report->updated},
                                                  {"unchanged", report->unchanged},
                                                  {"error_count", report->error_count},
                                                  {"errors", errors}}
                                       .dump());
}

http::Response list_faq(library::Library& library, const AccessScope& scope, http::Request& req) {
  std::optional<std::string> folder;
  if (auto f = req.query_param("folder_id"); f && !f->empty()) {
    if (Status s = scope.require_folder(req, *f, Permission::kRead); !s) return http::error_response(s);
    folder = *f;
  }
  auto readable = scope.read_scope(req);
  if (!readable) return http::error_response(readable.status());
  auto items = library.list_faq(folder);
  if (!items) return http::error_response(items.status());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : *items) {
    if (readable->all || readable->folders.count(item.folder_id) != 0) out.push_back(faq_to_json(item));
  }
  return http::Response::json(200, nlohmann::json{{"entries", out}}.dump());
}

}  // namespace

void add_faq_routes(http::Router& router, library::Library& library, const AccessScope& scope,
                    const std::filesystem::path& spool_dir, std::uint64_t max_body_bytes) {
  http::RouteOptions import_options = pooled("faq.import");
  import_options.body_to_file = spool_dir.string();
  import_options.max_body_bytes = static_cast<size_t>(max_body_bytes);
  router.add("POST", "/api/faq/import", [&library, &scope](http::Request& req) { return import_faq(library, scope, req); },
             import_options);
  router.add("GET", "/api/faq", [&library, &scope](http::Request& req) { return list_faq(library, scope, req); },
             pooled("faq.list"));
}

}  // namespace sanad::api
