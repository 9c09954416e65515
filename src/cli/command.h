#pragma once
// How commands plug into the CLI: each command file declares an `add_*_command`
// function that registers a CLI11 subcommand and, when that subcommand is chosen,
// stores the action to run in `Action`. Actions run after parsing, once.

#include <functional>

#include "core/config.h"
#include "core/status.h"

namespace CLI {
class App;
}

namespace sanad::cli {

using Action = std::function<int()>;

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// The effective configuration (environment + development .env), or the error that
// names the bad variable.
Result<core::Config> load_effective_config();

// Prints "sanad: <status>" on stderr and returns kExitFailure.
int fail(const Status& status);

void add_version_command(CLI::App& app, Action& action);
void add_config_command(CLI::App& app, Action& action);
void add_migrate_command(CLI::App& app, Action& action);
void add_serve_command(CLI::App& app, Action& action);
void add_eval_command(CLI::App& app, Action& action);
void add_embed_command(CLI::App& app, Action& action);
void add_categories_command(CLI::App& app, Action& action);
void add_index_command(CLI::App& app, Action& action);
void add_import_faq_command(CLI::App& app, Action& action);
void add_user_command(CLI::App& app, Action& action);
void add_search_command(CLI::App& app, Action& action);
void add_reindex_command(CLI::App& app, Action& action);
void add_ask_command(CLI::App& app, Action& action);

}  // namespace sanad::cli
