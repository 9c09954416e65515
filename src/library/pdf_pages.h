#pragma once
// Internal: a PDF's page count, announced as pages_total in ingestion progress.

#include <filesystem>

namespace sanad::library::detail {

// The number of pages, or 0 when the file cannot be opened as a PDF (the extractor
// then reports the real error).
int pdf_page_count(const std::filesystem::path& path);

}  // namespace sanad::library::detail
