#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "cli/command.h"
#include "cli/server_app.h"

namespace sanad::cli {

void add_serve_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "serve",
      "Run the server: migrates the database, starts the job workers and serves HTTP until SIGTERM or "
      "SIGINT (then drains in-flight requests and exits 0)");
  auto port = std::make_shared<std::optional<uint16_t>>();
  cmd->add_option("--port", *port, "TCP port to listen on (default: $PORT, else 8080; 0 picks a free port)");
  cmd->callback([&action, port] {
    action = [port] {
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      if (*port) config->http.port = **port;
      auto problems = core::production_problems(*config);
      if (!problems.empty()) {
        std::fprintf(stderr, "sanad: refusing to start with an insecure production configuration:\n");
        for (const auto& problem : problems) std::fprintf(stderr, "  - %s\n", problem.c_str());
        return kExitFailure;
      }
      return run_server(*config);
    };
  });
}

}  // namespace sanad::cli
