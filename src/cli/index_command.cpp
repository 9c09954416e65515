#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/library_context.h"
#include "library/indexer.h"

namespace sanad::cli {

void add_index_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("index",
                                 "Index files or directory trees into a folder: new and changed files are "
                                 "(re)indexed, unchanged ones skipped, files gone from disk removed");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto folder = std::make_shared<std::string>("Documents");
  cmd->add_option("paths", *paths, "files or directories")->required();
  cmd->add_option("--folder", *folder, "root folder receiving the documents (created when missing; default Documents)");
  cmd->callback([&action, paths, folder] {
    action = [paths, folder] {
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      auto ctx = open_library(*config);
      if (!ctx) return fail(ctx.status());
      auto target = ctx->library->ensure_root_folder(*folder);
      if (!target) return fail(target.status());
      const bool terminal = isatty(STDERR_FILENO) == 1;
      library::IndexProgressFn progress;
      if (terminal) {
        progress = [](std::size_t i, std::size_t n, const std::filesystem::path& p) {
          std::string name = p.filename().string();
          if (name.size() > 50) name = name.substr(0, 47) + "...";
          std::fprintf(stderr, "\r\033[K[%zu/%zu] %3zu%% %s", i, n, n ? i * 100 / n : 100, name.c_str());
          std::fflush(stderr);
        };
      }
      auto start = std::chrono::steady_clock::now();
      std::vector<std::filesystem::path> inputs(paths->begin(), paths->end());
      auto summary = library::index_paths(*ctx->library, target->id, inputs, progress);
      if (terminal) std::fprintf(stderr, "\r\033[K");
      if (!summary) return fail(summary.status());
      for (const auto& problem : summary->problems) std::fprintf(stderr, "sanad: %s\n", problem.c_str());
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("indexed into folder '%s': %zu files, %zu added, %zu updated, %zu unchanged, %zu duplicates, "
                  "%zu unsupported, %zu failed, %zu removed (%.2f s)\n",
                  target->name.c_str(), summary->files, summary->added, summary->updated, summary->unchanged,
                  summary->duplicates, summary->unsupported, summary->failed, summary->removed, seconds);
      return summary->failed == 0 ? kExitOk : kExitFailure;
    };
  });
}

}  // namespace sanad::cli
