#pragma once
// The document formats Sanad can extract, and their detection from content.

#include <filesystem>
#include <memory>
#include <string_view>

#include "core/status.h"

namespace sanad::documents {

enum class DocumentType { kPdf, kDocx, kHtml, kMarkdown, kText, kCsv };

// "pdf", "docx", "html", "markdown", "text", "csv".
std::string_view document_type_name(DocumentType type);
// The MIME type served on download.
std::string_view document_mime_type(DocumentType type);

// Detects a file's type from its content with libmagic; the file name's extension
// (`name_hint`, e.g. the original upload name) is consulted only when the content
// is plain text, to tell Markdown and CSV from text. Not thread-safe: use one
// detector per thread (it owns a libmagic cookie).
class TypeDetector {
 public:
  // Fails (kUnavailable) when libmagic's database cannot be loaded.
  static Result<std::unique_ptr<TypeDetector>> create();
  ~TypeDetector();
  TypeDetector(const TypeDetector&) = delete;
  TypeDetector& operator=(const TypeDetector&) = delete;

  // kUnsupported for empty files and any other type (images, archives, binaries).
  Result<DocumentType> detect(const std::filesystem::path& file, std::string_view name_hint) const;

 private:
  struct Cookie;
  explicit TypeDetector(std::unique_ptr<Cookie> cookie);
  std::unique_ptr<Cookie> cookie_;
};

}  // namespace sanad::documents
