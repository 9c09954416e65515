#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"

namespace sanad::cli {

void add_version_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("version", "Print the version and build information");
  cmd->callback([&action] {
    action = [] {
      std::printf("sanad %s (commit %s, %s build)\n", SANAD_VERSION, SANAD_GIT_COMMIT, SANAD_BUILD_TYPE);
      return kExitOk;
    };
  });
}

}  // namespace sanad::cli
