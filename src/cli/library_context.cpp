#include "cli/library_context.h"

#include <charconv>
#include <filesystem>

#include "db/migrate.h"

namespace sanad::cli {

namespace {

Result<std::uint64_t> positive_number(const core::Environment& env, const char* name, std::uint64_t fallback) {
  auto value = env.get(name);
  if (!value) return fallback;
  std::uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (ec != std::errc() || ptr != value->data() + value->size() || n == 0) {
    return invalid_argument(std::string(name) + " must be a positive whole number, got '" + *value + "'");
  }
  return n;
}

}  // namespace

Result<documents::ExtractProcessOptions> extract_process_options() {
  SANAD_ASSIGN_OR_RETURN(core::Environment env, core::gather_environment(".env"));
  documents::ExtractProcessOptions options;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return unavailable("cannot find the running program: " + ec.message());
  options.program = self.parent_path() / "sanad-extract";
  if (!std::filesystem::exists(options.program)) {
    return unavailable(options.program.string() + " is missing: it extracts documents and is installed next to sanad");
  }
  SANAD_ASSIGN_OR_RETURN(std::uint64_t seconds,
                         positive_number(env, "SANAD_EXTRACT_TIMEOUT_SECONDS",
                                         static_cast<std::uint64_t>(options.timeout.count())));
  SANAD_ASSIGN_OR_RETURN(std::uint64_t megabytes,
                         positive_number(env, "SANAD_EXTRACT_MEMORY_MB", options.memory_limit_bytes >> 20));
  options.timeout = std::chrono::seconds(seconds);
  options.memory_limit_bytes = megabytes << 20;
  return options;
}

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
  // Commands that never extract (categories init, import-faq) work without the
  // extractor; `sanad index` reports why a document could not be extracted.
  auto process = extract_process_options();
  if (process) {
    options.extractor = documents::child_process_extractor(std::move(*process));
  } else {
    options.extractor = [why = process.status()](auto&&...) -> Result<documents::IngestSummary> { return why; };
  }
  ctx.library = std::make_unique<library::Library>(*ctx.db, options);
  return ctx;
}

}  // namespace sanad::cli
