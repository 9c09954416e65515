#pragma once
// HTTP routes for documents:
//   POST   /api/documents               multipart (file, folder_id, title?, category?)
//                                       -> 202 {document, job_id}; 413 above the upload
//                                       limit; 415 for an unsupported type
//   GET    /api/documents?folder_id=&q= list (q: part of the title)
//   GET    /api/documents/{id}          one document: status, error, pages, chunks
//   GET    /api/documents/{id}/file     the stored file, with its original name
//   DELETE /api/documents/{id}          file, chunks (and their index entries) removed
//   POST   /api/documents/{id}/reindex  -> 202 {document, job_id}
// Permissions (docs/auth.md): upload needs write on the folder; list, get and file
// need read; delete and reindex need write. A document whose folder the caller may
// not read answers 404 (its existence is not confirmed); a readable one the caller
// may not change answers 403. A list without folder_id covers the readable folders.
// References must outlive the router.

#include <cstdint>
#include <filesystem>

#include "api/access_scope.h"
#include "http/router.h"
#include "jobs/job_queue.h"
#include "library/library.h"

namespace sanad::api {

struct DocumentRouteOptions {
  std::filesystem::path spool_dir;       // where request bodies are spooled (under UPLOAD_DIR)
  std::uint64_t max_upload_bytes = 50ull << 20;
};

void add_document_routes(http::Router& router, library::Library& library, jobs::JobQueue& queue,
                         const AccessScope& scope, const DocumentRouteOptions& options);

}  // namespace sanad::api
