#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/library_context.h"

namespace sanad::cli {

void add_import_faq_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("import-faq",
                                 "Import curated question/answer pairs from a CSV file (columns "
                                 "question,answer[,category][,source]); re-import updates, never duplicates");
  auto csv = std::make_shared<std::string>();
  auto folder = std::make_shared<std::string>("FAQ");
  cmd->add_option("--csv", *csv, "the CSV file")->required();
  cmd->add_option("--folder", *folder, "root folder receiving the entries (created when missing; default FAQ)");
  cmd->callback([&action, csv, folder] {
    action = [csv, folder] {
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      auto ctx = open_library(*config);
      if (!ctx) return fail(ctx.status());
      auto target = ctx->library->ensure_root_folder(*folder);
      if (!target) return fail(target.status());
      auto report = ctx->library->import_faq_csv(*csv, target->id);
      if (!report) return fail(report.status());
      for (const auto& e : report->errors) {
        std::fprintf(stderr, "%s:%zu: skipped: %s\n", csv->c_str(), e.line, e.message.c_str());
      }
      std::printf("faq '%s' -> folder '%s': %zu added, %zu updated, %zu unchanged, %zu bad rows skipped\n",
                  csv->c_str(), target->name.c_str(), report->inserted, report->updated, report->unchanged,
                  report->error_count);
      return kExitOk;
    };
  });
}

}  // namespace sanad::cli
