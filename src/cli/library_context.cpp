#include "cli/library_context.h"

#include <filesystem>

#include "db/migrate.h"

namespace sanad::cli {

Result<LibraryContext> open_library(const core::Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.upload_dir, ec);
  if (ec) return unavailable("cannot create UPLOAD_DIR '" + config.upload_dir + "': " + ec.message());
  LibraryContext ctx;
  SANAD_ASSIGN_OR_RETURN(ctx.db, db::Database::open(config.database));
  SANAD_ASSIGN_OR_RETURN(auto report, db::migrate(*ctx.db));
  (void)report;
  library::LibraryOptions options;
  options.upload_dir = config.upload_dir;
  SANAD_ASSIGN_OR_RETURN(options.extract_process, extract_process_options());
  ctx.library = std::make_unique<library::Library>(*ctx.db, options);
  return ctx;
}

}  // namespace sanad::cli
