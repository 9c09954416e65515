#include "api/faq_routes.h"

#include "api/library_json.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

http::Response import_faq(library::Library& library, http::Request& req) {
  std::string folder_id = req.query_param("folder_id").value_or("");
  if (folder_id.empty()) {
    auto folder = library.ensure_root_folder(kDefaultFaqFolder);
    if (!folder) return http::error_response(folder.status());
    folder_id = folder->id;
  }
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

http::Response list_faq(library::Library& library, http::Request& req) {
  std::optional<std::string> folder;
  if (auto f = req.query_param("folder_id"); f && !f->empty()) folder = *f;
  auto items = library.list_faq(folder);
  if (!items) return http::error_response(items.status());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : *items) out.push_back(faq_to_json(item));
  return http::Response::json(200, nlohmann::json{{"entries", out}}.dump());
}

}  // namespace

void add_faq_routes(http::Router& router, library::Library& library, const std::filesystem::path& spool_dir,
                    std::uint64_t max_body_bytes) {
  http::RouteOptions import_options = pooled("faq.import");
  import_options.body_to_file = spool_dir.string();
  import_options.max_body_bytes = static_cast<size_t>(max_body_bytes);
  router.add("POST", "/api/faq/import", [&library](http::Request& req) { return import_faq(library, req); },
             import_options);
  router.add("GET", "/api/faq", [&library](http::Request& req) { return list_faq(library, req); },
             pooled("faq.list"));
}

}  // namespace sanad::api
