#include "api/library_json.h"

#include "core/clock.h"

namespace sanad::api {

namespace {
nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json folder_to_json(const library::Folder& f) {
  return {{"id", f.id},
          {"parent_id", opt(f.parent_id)},
          {"name", f.name},
          {"created_by", opt(f.created_by)},
          {"created_at", core::iso8601_ms(f.created_at)},
          {"updated_at", core::iso8601_ms(f.updated_at)}};
}

nlohmann::json folder_node_to_json(const library::FolderNode& node) {
  nlohmann::json out = folder_to_json(node.folder);
  out["children"] = nlohmann::json::array();
  for (const auto& child : node.children) out["children"].push_back(folder_node_to_json(child));
  return out;
}

nlohmann::json category_to_json(const library::Category& c) {
  return {{"id", c.id},
          {"slug", c.slug},
          {"labels", {{"fr", c.label_fr}, {"en", c.label_en}, {"ar", c.label_ar}}},
          {"created_at", core::iso8601_ms(c.created_at)}};
}

nlohmann::json document_to_json(const library::Document& d) {
  nlohmann::json tags = nlohmann::json::parse(d.tags_json, nullptr, false);
  if (tags.is_discarded()) tags = nlohmann::json::array();
  return {{"id", d.id},
          {"folder_id", d.folder_id},
          {"title", d.title},
          {"category_id", opt(d.category_id)},
          {"language", d.language},
          {"tags", tags},
          {"source", d.source},
          {"original_name", d.original_name},
          {"mime_type", d.mime_type},
          {"uploader_id", opt(d.uploader_id)},
          {"size_bytes", d.size_bytes},
          {"sha256", d.sha256},
          {"pages", d.pages},
          {"chunks", d.chunk_count},
          {"status", d.status},
          {"error", opt(d.error)},
          {"job_id", opt(d.job_id)},
          {"created_at", core::iso8601_ms(d.created_at)},
          {"updated_at", core::iso8601_ms(d.updated_at)}};
}

nlohmann::json faq_to_json(const library::FaqItem& f) {
  return {{"id", f.id},
          {"folder_id", f.folder_id},
          {"question", f.question},
          {"answer", f.answer},
          {"category", f.category},
          {"source", f.source},
          {"created_at", core::iso8601_ms(f.created_at)},
          {"updated_at", core::iso8601_ms(f.updated_at)}};
}

}  // namespace sanad::api
