#pragma once
// Text extraction: one entry point per format and a dispatcher. Each reads the file
// at `path`, and calls `sink` once per Block in document order. All text is NFKC-
// normalised. Errors are human-readable (they are shown to the uploader):
// kInvalidArgument for a damaged or hostile file, kTooLarge when a limit is hit,
// kFailedPrecondition for a PDF without a text layer. Thread-safe: no shared state
// (each call opens its own handles).

#include <filesystem>

#include "documents/block.h"
#include "documents/document_type.h"

namespace sanad::documents {

Status extract_pdf(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink);
Status extract_docx(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink);
Status extract_html(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink);
Status extract_markdown(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink);
Status extract_text(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink);

// The number of pages of a PDF, or 0 when it cannot be opened (extract_pdf then
// reports the real error).
int pdf_page_count(const std::filesystem::path& path);

// Dispatches on `type`. kCsv is a FAQ source, not a document: use csv_faq.h
// (here it fails with kUnsupported).
Status extract(DocumentType type, const std::filesystem::path& path, const ExtractLimits& limits,
               const BlockSink& sink);

}  // namespace sanad::documents
