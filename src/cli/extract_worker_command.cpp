// `sanad extract-worker key=value…` (hidden): the child process that extracts one
// document for the job worker (documents/extract_process.h), and how the parent
// configures it (SANAD_EXTRACT_TIMEOUT_SECONDS, SANAD_EXTRACT_MEMORY_MB).

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <charconv>

#include "cli/command.h"
#include "cli/library_context.h"
#include "core/config.h"

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
  // The running binary itself, even if the file was replaced since it started.
  options.program = "/proc/self/exe";
  options.arguments = {"extract-worker"};
  SANAD_ASSIGN_OR_RETURN(std::uint64_t seconds,
                         positive_number(env, "SANAD_EXTRACT_TIMEOUT_SECONDS",
                                         static_cast<std::uint64_t>(options.timeout.count())));
  SANAD_ASSIGN_OR_RETURN(std::uint64_t megabytes,
                         positive_number(env, "SANAD_EXTRACT_MEMORY_MB", options.memory_limit_bytes >> 20));
  options.timeout = std::chrono::seconds(seconds);
  options.memory_limit_bytes = megabytes << 20;
  return options;
}

void add_extract_worker_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("extract-worker", "internal: extracts one document for the server");
  cmd->group("");  // hidden from --help
  cmd->allow_extras();
  cmd->callback([&action, cmd] {
    action = [args = cmd->remaining()] { return documents::run_extract_worker(args, STDOUT_FILENO); };
  });
}

}  // namespace sanad::cli
