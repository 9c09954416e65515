#pragma once
// What the library commands (`categories init`, `index`, `import-faq`) share: the
// database opened from the configuration and migrated, and the Library on it.

#include <memory>

#include "core/config.h"
#include "core/status.h"
#include "db/database.h"
#include "library/library.h"

namespace sanad::cli {

struct LibraryContext {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<library::Library> library;  // uses *db
};

// Opens DATABASE_URL, applies pending migrations, creates UPLOAD_DIR.
Result<LibraryContext> open_library(const core::Config& config);

}  // namespace sanad::cli
