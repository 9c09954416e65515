#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/index_context.h"
#include "library/library.h"

namespace sanad::cli {

void add_reindex_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("reindex",
                                 "Rebuild the search index from the database and write its snapshot to SANAD_INDEX_DIR");
  auto vectorize = std::make_shared<bool>(false);
  cmd->add_flag("--vectorize", *vectorize, "also recompute every chunk's embedding (needs an embedding model)");
  cmd->callback([&action, vectorize] {
    action = [vectorize] {
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      auto ctx = open_index(*config);
      if (!ctx) return fail(ctx.status());
      if (*vectorize) {
        library::LibraryOptions options;
        options.upload_dir = config->upload_dir;
        options.embedder = ctx->embedder.get();
        library::Library library(*ctx->db, options);
        library::VectorizeScope scope;
        scope.recompute = true;
        library::VectorizeHooks hooks;
        hooks.on_progress = [](size_t done, size_t total) {
          std::fprintf(stderr, "\rvectorizing: %zu/%zu chunks", done, total);
        };
        auto done = library.vectorize(scope, hooks);
        std::fprintf(stderr, "\n");
        if (!done) return fail(done.status());
      }
      if (Status s = ctx->index->rebuild(); !s) return fail(s);
      auto stats = ctx->index->stats();
      std::printf("search index rebuilt: %zu chunks, %zu with vectors, change log at %llu -> %s\n", stats.chunks,
                  stats.vectors, static_cast<unsigned long long>(stats.applied_seq),
                  ctx->index->snapshot_path().c_str());
      return kExitOk;
    };
  });
}

}  // namespace sanad::cli
