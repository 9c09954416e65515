#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"
#include "cli/library_context.h"

namespace sanad::cli {

void add_categories_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("categories", "Manage document categories");
  cmd->require_subcommand(1, 1);
  auto* init = cmd->add_subcommand("init", "Create the default categories (French, English and Arabic labels); "
                                            "safe to run again");
  init->callback([&action] {
    action = [] {
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      auto ctx = open_library(*config);
      if (!ctx) return fail(ctx.status());
      auto created = ctx->library->init_default_categories();
      if (!created) return fail(created.status());
      auto all = ctx->library->list_categories();
      if (!all) return fail(all.status());
      std::printf("categories: %d created, %zu in total\n", *created, all->size());
      return kExitOk;
    };
  });
}

}  // namespace sanad::cli
