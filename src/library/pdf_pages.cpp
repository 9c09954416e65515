#include "library/pdf_pages.h"

#include <poppler-document.h>

#include <memory>

namespace sanad::library::detail {

int pdf_page_count(const std::filesystem::path& path) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc || doc->is_locked()) return 0;
  return doc->pages();
}

}  // namespace sanad::library::detail
