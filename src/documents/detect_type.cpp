#include <magic.h>

#include "core/strings.h"
#include "documents/document_type.h"
#include "documents/extract/zip_reader.h"

namespace sanad::documents {

std::string_view document_type_name(DocumentType type) {
  switch (type) {
    case DocumentType::kPdf: return "pdf";
    case DocumentType::kDocx: return "docx";
    case DocumentType::kHtml: return "html";
    case DocumentType::kMarkdown: return "markdown";
    case DocumentType::kText: return "text";
    case DocumentType::kCsv: return "csv";
  }
  return "text";
}

std::string_view document_mime_type(DocumentType type) {
  switch (type) {
    case DocumentType::kPdf: return "application/pdf";
    case DocumentType::kDocx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case DocumentType::kHtml: return "text/html; charset=utf-8";
    case DocumentType::kMarkdown: return "text/markdown; charset=utf-8";
    case DocumentType::kText: return "text/plain; charset=utf-8";
    case DocumentType::kCsv: return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

struct TypeDetector::Cookie {
  magic_t magic = nullptr;
  ~Cookie() {
    if (magic) magic_close(magic);
  }
};

TypeDetector::TypeDetector(std::unique_ptr<Cookie> cookie) : cookie_(std::move(cookie)) {}
TypeDetector::~TypeDetector() = default;

Result<std::unique_ptr<TypeDetector>> TypeDetector::create() {
  auto cookie = std::make_unique<Cookie>();
  cookie->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
  if (!cookie->magic) return unavailable("libmagic could not be initialised");
  // libmagic reads up to 7 MB of a file by default and allocates conversion buffers of
  // that size; the first 256 KB decide every type Sanad accepts.
  const std::size_t bytes_max = 256 * 1024;
  magic_setparam(cookie->magic, MAGIC_PARAM_BYTES_MAX, &bytes_max);
  if (magic_load(cookie->magic, nullptr) != 0) {
    return unavailable(std::string("libmagic database not loaded: ") + magic_error(cookie->magic));
  }
  return std::unique_ptr<TypeDetector>(new TypeDetector(std::move(cookie)));
}

namespace {

std::string extension_of(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  return core::ascii_lower(name.substr(dot + 1));
}

}  // namespace

Result<DocumentType> TypeDetector::detect(const std::filesystem::path& file, std::string_view name_hint) const {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return not_found("cannot read the uploaded file");
  if (size == 0) return unsupported("the file is empty");
  const char* mime_c = magic_file(cookie_->magic, file.c_str());
  if (!mime_c) return unsupported("the file type could not be determined");
  const std::string mime = mime_c;
  if (mime == "application/pdf") return DocumentType::kPdf;
  if (mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
      mime == "application/zip" || mime == "application/octet-stream") {
    // Only a ZIP whose directory names word/document.xml is a DOCX. The directory is
    // checked against the default limits; nothing is inflated here.
    if (mime != "application/octet-stream" || extension_of(name_hint) == "docx") {
      auto zip = detail::ZipReader::open(file, ExtractLimits{});
      if (zip.is_ok() && (*zip)->contains("word/document.xml")) return DocumentType::kDocx;
      if (!zip.is_ok() && zip.status().code() == ErrorCode::kTooLarge) return zip.status();
    }
    return unsupported("unsupported file type (" + mime + ")");
  }
  if (mime == "text/html" || mime == "application/xhtml+xml") return DocumentType::kHtml;
  if (mime == "text/csv") return DocumentType::kCsv;
  if (mime.starts_with("text/")) {
    const std::string ext = extension_of(name_hint);
    if (ext == "md" || ext == "markdown") return DocumentType::kMarkdown;
    if (ext == "csv") return DocumentType::kCsv;
    if (ext == "html" || ext == "htm") return DocumentType::kHtml;
    if (mime == "text/plain") return DocumentType::kText;
    if (ext == "txt" || ext == "text") return DocumentType::kText;
  }
  return unsupported("unsupported file type (" + mime + ")");
}

}  // namespace sanad::documents
