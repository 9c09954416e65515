#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"

namespace sanad::cli {

void add_config_command(CLI::App& app, Action& action) {
  auto* config_cmd = app.add_subcommand("config", "Inspect the configuration");
  config_cmd->require_subcommand(1, 1);
  auto* check = config_cmd->add_subcommand(
      "check",
      "Print the effective configuration (environment variables and, in development, .env) with "
      "secrets redacted; exit 1 when it is invalid or, with SANAD_ENV=production, insecure");
  check->callback([&action] {
    action = [] {
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      for (const auto& line : core::describe_config(*config)) std::printf("%s\n", line.c_str());
      auto problems = core::production_problems(*config);
      if (problems.empty()) {
        std::printf("\nconfiguration OK (%s)\n", config->production() ? "production" : "development");
        return kExitOk;
      }
      std::fprintf(stderr, "\nsanad: refusing this production configuration:\n");
      for (const auto& problem : problems) std::fprintf(stderr, "  - %s\n", problem.c_str());
      return kExitFailure;
    };
  });
}

}  // namespace sanad::cli
