#include "http/static_files.h"

#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/strings.h"
#include "http/path.h"

namespace sanad::http {
namespace fs = std::filesystem;

std::string_view mime_type_for(std::string_view filename) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
      {".xml", "application/xml"},
      {".csv", "text/csv; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
  }};
  size_t dot = filename.rfind('.');
  size_t slash = filename.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  std::string ext = core::ascii_lower(filename.substr(dot));
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

namespace {

bool has_extension(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string_view::npos;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && core::iequals(s.substr(0, prefix.size()), prefix);
}

bool reserved_prefix(std::string_view path) {
  for (std::string_view p : {"/api", "/health", "/metrics", "/v1"}) {
    if (starts_with_ci(path, p) && (path.size() == p.size() || path[p.size()] == '/')) return true;
  }
  return false;
}

bool accepts_gzip(std::string_view accept_encoding) {
  for (auto part : core::split(accept_encoding, ',')) {
    std::string_view token = core::trim(part);
    std::string_view name = core::trim(token.substr(0, token.find(';')));
    if (!core::iequals(name, "gzip")) continue;
    size_t q = token.find("q=");
    if (q != std::string_view::npos) {
      std::string_view v = core::trim(token.substr(q + 2));
      if (v == "0" || v == "0.0" || v == "0.00" || v == "0.000") return false;
    }
    return true;
  }
  return false;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (core::trim(if_none_match) == "*") return true;
  for (auto part : core::split(if_none_match, ',')) {
    std::string_view t = core::trim(part);
    if (t.substr(0, 2) == "W/") t.remove_prefix(2);
    if (t == etag) return true;
  }
  return false;
}

// The canonical path of `candidate` if it is a regular file inside `root`.
std::optional<fs::path> inside(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  fs::path canonical = fs::canonical(candidate, ec);
  if (ec) return std::nullopt;
  auto rel = canonical.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  if (!fs::is_regular_file(canonical, ec) || ec) return std::nullopt;
  return canonical;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& dir) {
  std::error_code ec;
  fs::path canonical = fs::canonical(dir, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = canonical;
}

Response StaticFiles::operator()(Request& req) const {
  if (root_.empty()) return error_response(404, "not_found", "no such resource");
  if (!req.path_error.empty()) return error_response(400, "invalid_argument", req.path_error);
  // Segments are already decoded and free of "..", "/" and control characters (path.h).
  fs::path relative;
  for (std::string_view segment : path_segments(req.path)) {
    if (segment.front() == '.') return error_response(404, "not_found", "no such resource");
    relative /= std::string(segment);
  }
  if (!relative.empty()) {
    if (auto file = inside(root_, root_ / relative)) return serve_file(req, *file, req.path);
  }
  bool app_route = req.path == "/" || (!has_extension(req.path) && !reserved_prefix(req.path));
  if (app_route) {
    if (auto index = inside(root_, root_ / "index.html")) return serve_file(req, *index, "/index.html");
  }
  return error_response(404, "not_found", "no such resource");
}

Response StaticFiles::serve_file(const Request& req, const fs::path& file, std::string_view url_path) const {
  fs::path chosen = file;
  bool gzip = false;
  if (accepts_gzip(req.header("Accept-Encoding"))) {
    fs::path gz = file;
    gz += ".gz";
    if (auto found = inside(root_, gz)) {
      chosen = *found;
      gzip = true;
    }
  }
  std::error_code ec;
  auto size = fs::file_size(chosen, ec);
  auto mtime = fs::last_write_time(chosen, ec);
  if (ec) return error_response(404, "not_found", "no such resource");
  std::ostringstream tag;
  tag << '"' << std::hex << size << '-'
      << static_cast<unsigned long long>(mtime.time_since_epoch().count()) << (gzip ? "-gz" : "") << '"';
  std::string etag = tag.str();

  Response res;
  res.set_header("ETag", etag);
  res.set_header("Vary", "Accept-Encoding");
  res.set_header("Cache-Control", starts_with_ci(url_path, "/assets/") ? "public, max-age=31536000, immutable"
                                                                        : "no-cache");
  if (etag_matches(req.header("If-None-Match"), etag)) {
    res.status = 304;
    return res;
  }
  std::ifstream in(chosen, std::ios::binary);
  if (!in) return error_response(404, "not_found", "no such resource");
  res.body.resize(size);
  in.read(res.body.data(), static_cast<std::streamsize>(size));
  res.body.resize(static_cast<size_t>(in.gcount()));
  res.status = 200;
  res.set_header("Content-Type", std::string(mime_type_for(file.filename().string())));
  if (gzip) res.set_header("Content-Encoding", "gzip");
  return res;
}

}  // namespace sanad::http
