#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"
#include "db/database.h"
#include "db/migrate.h"

namespace sanad::cli {

void add_migrate_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("migrate",
                                 "Apply pending database schema migrations (DATABASE_URL, default a SQLite "
                                 "file under SANAD_DATA_DIR) and exit");
  cmd->callback([&action] {
    action = [] {
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      auto db = db::Database::open(config->database);
      if (!db) return fail(db.status());
      auto report = db::migrate(**db);
      if (!report) return fail(report.status());
      if (report->applied.empty()) {
        std::printf("database schema is up to date (version %d)\n", report->to_version);
      } else {
        for (const auto& file : report->applied) std::printf("applied %s\n", file.c_str());
        std::printf("database schema migrated from version %d to %d\n", report->from_version, report->to_version);
      }
      return kExitOk;
    };
  });
}

}  // namespace sanad::cli
