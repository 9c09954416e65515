#include "api/document_routes.h"

#include <fstream>
#include <memory>

#include "api/authentication.h"
#include "api/content_disposition.h"
#include "api/library_json.h"
#include "api/route_options.h"
#include "documents/multipart.h"
#include "http/response.h"
#include "library/ingest_job.h"

namespace sanad::api {

namespace {

// Room for the multipart framing and form fields around the file itself.
constexpr std::uint64_t kMultipartOverhead = 256u << 10;
constexpr std::size_t kDownloadPiece = 64u << 10;

void remove_quietly(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

http::Response accepted(const library::Document& document, const std::string& job_id) {
  return http::Response::json(
      202, nlohmann::json{{"document", document_to_json(document)}, {"job_id", job_id}}.dump());
}

http::Response upload(library::Library& library, jobs::JobQueue& queue, const DocumentRouteOptions& options,
                      http::Request& req) {
  auto boundary = documents::multipart_boundary(req.header("Content-Type"));
  if (!boundary) return http::error_response(boundary.status());
  if (req.body_file.empty()) return http::error_response(invalid_argument("an empty upload"));
  documents::MultipartLimits limits;
  limits.max_file_bytes = options.max_upload_bytes;
  limits.max_parts = 8;
  auto form = documents::parse_multipart_file(req.body_file, *boundary, options.spool_dir, limits);
  if (!form) return http::error_response(form.status());
  // Every spooled part is ours to remove unless the library takes it.
  struct Parts {
    std::vector<documents::UploadedFile>& files;
    ~Parts() {
      for (const auto& f : files) remove_quietly(f.stored_path);
    }
  } parts{form->files};

  const documents::UploadedFile* file = nullptr;
  for (const auto& f : form->files) {
    if (f.field_name == "file") file = &f;
  }
  if (file == nullptr) return http::error_response(invalid_argument("the 'file' part is missing"));
  auto folder_id = form->field("folder_id");
  if (!folder_id || folder_id->empty()) return http::error_response(invalid_argument("'folder_id' is required"));

  library::NewDocument in;
  in.file = file->stored_path;
  in.folder_id = *folder_id;
  in.original_name = file->original_name;
  in.title = form->field("title").value_or("");
  in.category = form->field("category").value_or("");
  in.sha256_hex = file->sha256_hex;
  in.size = file->size;
  if (const auto* user = current_user(req)) in.uploader_id = user->id;
  auto created = library.create_document(std::move(in));
  if (!created) return http::error_response(created.status());
  if (!created->created) {
    return accepted(created->document, created->document.job_id.value_or(""));
  }
  auto job_id = library::enqueue_ingest(library, queue, created->document.id);
  if (!job_id) return http::error_response(job_id.status());
  auto document = library.get_document(created->document.id);
  if (!document) return http::error_response(document.status());
  return accepted(*document, *job_id);
}

http::Response list(library::Library& library, http::Request& req) {
  library::DocumentFilter filter;
  if (auto folder = req.query_param("folder_id"); folder && !folder->empty()) filter.folder_id = *folder;
  filter.query = req.query_param("q").value_or("");
  auto docs = library.list_documents(filter);
  if (!docs) return http::error_response(docs.status());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : *docs) out.push_back(document_to_json(d));
  return http::Response::json(200, nlohmann::json{{"documents", out}}.dump());
}

http::Response get(library::Library& library, http::Request& req) {
  auto doc = library.get_document(std::string(req.param("id")));
  if (!doc) return http::error_response(doc.status());
  return http::Response::json(200, document_to_json(*doc).dump());
}

http::Response download(library::Library& library, http::Request& req) {
  auto doc = library.get_document(std::string(req.param("id")));
  if (!doc) return http::error_response(doc.status());
  auto in = std::make_shared<std::ifstream>(library.stored_file(*doc), std::ios::binary);
  if (!*in) return http::error_response(not_found("the document's file is missing"));
  http::Response response = http::Response::streaming(200, doc->mime_type, [in](http::StreamChannel& channel) {
    std::string piece(kDownloadPiece, '\0');
    while (*in) {
      in->read(piece.data(), static_cast<std::streamsize>(piece.size()));
      auto n = in->gcount();
      if (n <= 0) break;
      if (!channel.push(piece.substr(0, static_cast<std::size_t>(n)))) return;
    }
    channel.close();
  });
  response.set_header("Content-Disposition", content_disposition("attachment", doc->original_name));
  response.set_header("X-Content-Type-Options", "nosniff");
  return response;
}

http::Response remove(library::Library& library, http::Request& req) {
  if (Status s = library.delete_document(std::string(req.param("id"))); !s) return http::error_response(s);
  return http::Response::no_content();
}

http::Response reindex(library::Library& library, jobs::JobQueue& queue, http::Request& req) {
  std::string id(req.param("id"));
  auto job_id = library::enqueue_ingest(library, queue, id);
  if (!job_id) return http::error_response(job_id.status());
  auto doc = library.get_document(id);
  if (!doc) return http::error_response(doc.status());
  return accepted(*doc, *job_id);
}

}  // namespace

void add_document_routes(http::Router& router, library::Library& library, jobs::JobQueue& queue,
                         const DocumentRouteOptions& options) {
  http::RouteOptions upload_options = pooled("documents.upload");
  upload_options.body_to_file = options.spool_dir.string();
  upload_options.max_body_bytes = static_cast<size_t>(options.max_upload_bytes + kMultipartOverhead);
  router.add(
      "POST", "/api/documents",
      [&library, &queue, options](http::Request& req) { return upload(library, queue, options, req); },
      upload_options);
  router.add("GET", "/api/documents", [&library](http::Request& req) { return list(library, req); },
             pooled("documents.list"));
  router.add("GET", "/api/documents/{id}", [&library](http::Request& req) { return get(library, req); },
             pooled("documents.get"));
  router.add("GET", "/api/documents/{id}/file", [&library](http::Request& req) { return download(library, req); },
             pooled("documents.file"));
  router.add("DELETE", "/api/documents/{id}", [&library](http::Request& req) { return remove(library, req); },
             pooled("documents.delete"));
  router.add("POST", "/api/documents/{id}/reindex",
             [&library, &queue](http::Request& req) { return reindex(library, queue, req); },
             pooled("documents.reindex"));
}

}  // namespace sanad::api
