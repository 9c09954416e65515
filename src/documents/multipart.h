#pragma once
// Streaming multipart/form-data (RFC 7578) parsing for uploads. The body is read in
// 64 KB pieces; file parts are written straight to disk (with their size and
// SHA-256 computed on the way), form fields are kept in memory up to a limit. So
// memory stays bounded whatever the upload size. Thread-safe: no shared state.

#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sanad::documents {

struct MultipartLimits {
  std::uint64_t max_file_bytes = 50ull << 20;  // per file part -> kTooLarge
  std::size_t max_field_bytes = 64u << 10;     // per non-file field -> kTooLarge
  std::size_t max_parts = 32;
  std::size_t max_header_bytes = 8u << 10;  // all headers of one part
};

struct UploadedFile {
  std::string field_name;
  std::string original_name;  // sanitize_file_name(): metadata only, never a path
  std::string content_type;   // as declared by the client (not trusted)
  std::uint64_t size = 0;
  std::string sha256_hex;     // lowercase, 64 characters
  std::filesystem::path stored_path;  // upload_dir / <generated id>; owned by the caller now
};

struct MultipartForm {
  std::vector<std::pair<std::string, std::string>> fields;  // name, value (in order)
  std::vector<UploadedFile> files;

  // The first field with that name, or nullopt.
  std::optional<std::string> field(std::string_view name) const;
};

// The boundary parameter of a "multipart/form-data; boundary=..." Content-Type.
// kUnsupported for another media type, kInvalidArgument when the boundary is
// missing or invalid (RFC 2046: 1..70 characters).
Result<std::string> multipart_boundary(std::string_view content_type);

// Parses `body`. File parts are written to new files in `upload_dir` (which must
// exist) named by core::new_id(); nothing is written anywhere else, whatever the
// part's file name. On any error every file written so far is removed.
// kInvalidArgument for a malformed or truncated body, kTooLarge for a limit.
Result<MultipartForm> parse_multipart(std::istream& body, std::string_view boundary,
                                      const std::filesystem::path& upload_dir, const MultipartLimits& limits);
// Same, reading the body from a file (e.g. a request body spooled to disk).
Result<MultipartForm> parse_multipart_file(const std::filesystem::path& body_file, std::string_view boundary,
                                           const std::filesystem::path& upload_dir, const MultipartLimits& limits);

// A client-supplied file name made safe to store and show: NFKC; path components
// stripped (after "/" and "\"); control characters, NUL and bidirectional controls
// (e.g. U+202E) removed; leading dots and surrounding spaces trimmed; at most
// `max_bytes` bytes of UTF-8 (the extension kept when possible); "file" when nothing
// is left. Never contains "/" or "\\".
std::string sanitize_file_name(std::string_view raw, std::size_t max_bytes = 255);

}  // namespace sanad::documents
