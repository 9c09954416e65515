#pragma once
// What the library commands (`categories init`, `index`, `import-faq`) share: the
// database opened from the configuration and migrated, and the Library on it.

#include <memory>

#include "core/config.h"
#include "core/status.h"
#include "db/database.h"
#include "documents/extract_process.h"
#include "library/library.h"

namespace sanad::cli {

struct LibraryContext {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<library::Library> library;  // uses *db
};

// How documents are extracted: in a child process running `sanad-extract` from the
// directory of the running binary, with SANAD_EXTRACT_TIMEOUT_SECONDS (default 120)
// and SANAD_EXTRACT_MEMORY_MB (default 2048) from the environment.
Result<documents::ExtractProcessOptions> extract_process_options();

// Opens DATABASE_URL, applies pending migrations, creates UPLOAD_DIR; documents are
// extracted as extract_process_options() says (when that fails, each extraction
// fails with its reason).
Result<LibraryContext> open_library(const core::Config& config);

}  // namespace sanad::cli
