#pragma once
// Internal: maps result rows of the library's tables to its records. The SELECT
// lists below name the columns each mapper reads.

#include "db/rows.h"
#include "library/types.h"

namespace sanad::library::detail {

inline constexpr const char* kFolderColumns = "id, parent_id, name, created_by, created_at, updated_at";
inline constexpr const char* kDocumentColumns =
    "id, folder_id, title, category_id, language, tags, source, original_name, mime_type, uploader_id, "
    "size_bytes, sha256, storage_path, pages, chunk_count, status, error, job_id, created_at, updated_at";

Folder folder_from_row(const db::Row& row);
Document document_from_row(const db::Row& row);

}  // namespace sanad::library::detail
