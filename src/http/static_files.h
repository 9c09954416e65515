#pragma once
// Serves a directory (the web app build) as the router's GET fallback:
//  - the file's canonical path must stay inside the canonical root (no traversal,
//    also not through symlinks); dot-files are never served;
//  - Content-Type by extension; a strong ETag from size and mtime; If-None-Match -> 304;
//  - a precompressed "<file>.gz" sibling is served when the client accepts gzip
//    (Content-Encoding: gzip, Vary: Accept-Encoding);
//  - Cache-Control: immutable for /assets/*, no-cache otherwise (index.html included);
//  - a path without an extension that is not under /api/, /health, /metrics or /v1/
//    gets index.html (client-side routes of the single-page app).
// Thread-safe (no mutable state); reads files on each request, so run it on the pool.

#include <filesystem>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace sanad::http {

class StaticFiles {
 public:
  // `dir` should exist; if it does not, every request is answered 404.
  explicit StaticFiles(const std::filesystem::path& dir);
  Response operator()(Request& req) const;

 private:
  Response serve_file(const Request& req, const std::filesystem::path& file, std::string_view url_path) const;
  std::filesystem::path root_;  // canonical; empty when missing
};

// The Content-Type for a file name's extension ("application/octet-stream" if unknown).
std::string_view mime_type_for(std::string_view filename);

}  // namespace sanad::http
