#include "library/row_mapping.h"

namespace sanad::library::detail {

Folder folder_from_row(const db::Row& row) {
  Folder f;
  f.id = row.get_string("id");
  f.parent_id = row.opt_string("parent_id");
  f.name = row.get_string("name");
  f.created_by = row.opt_string("created_by");
  f.created_at = row.get_int("created_at");
  f.updated_at = row.get_int("updated_at");
  return f;
}

Document document_from_row(const db::Row& row) {
  Document d;
  d.id = row.get_string("id");
  d.folder_id = row.get_string("folder_id");
  d.title = row.get_string("title");
  d.category_id = row.opt_string("category_id");
  d.language = row.get_string("language");
  d.tags_json = row.get_string("tags");
  d.source = row.get_string("source");
  d.original_name = row.get_string("original_name");
  d.mime_type = row.get_string("mime_type");
  d.uploader_id = row.opt_string("uploader_id");
  d.size_bytes = row.get_int("size_bytes");
  d.sha256 = row.get_string("sha256");
  d.storage_path = row.get_string("storage_path");
  d.pages = row.get_int("pages");
  d.chunk_count = row.get_int("chunk_count");
  d.status = row.get_string("status");
  d.error = row.opt_string("error");
  d.job_id = row.opt_string("job_id");
  d.created_at = row.get_int("created_at");
  d.updated_at = row.get_int("updated_at");
  return d;
}

}  // namespace sanad::library::detail
