#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace sanad::cli {

int run(int argc, char** argv) {
  CLI::App app{"Sanad: answers from your organisation's own documents, every answer backed by its sources.",
               "sanad"};
  app.require_subcommand(1, 1);
  app.fallthrough(false);
  Action action;
  add_serve_command(app, action);
  add_migrate_command(app, action);
  add_config_command(app, action);
  add_eval_command(app, action);
  add_embed_command(app, action);
  add_user_command(app, action);
  add_ask_command(app, action);
  add_version_command(app, action);
  add_categories_command(app, action);
  add_index_command(app, action);
  add_import_faq_command(app, action);
  add_search_command(app, action);
  add_reindex_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return action ? action() : kExitUsage;
}

}  // namespace sanad::cli
