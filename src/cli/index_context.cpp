#include "cli/index_context.h"

#include "db/migrate.h"

namespace sanad::cli {

Result<IndexContext> open_index(const core::Config& config) {
  IndexContext ctx;
  SANAD_ASSIGN_OR_RETURN(ctx.db, db::Database::open(config.database));
  SANAD_RETURN_IF_ERROR(db::migrate(*ctx.db).status());
  SANAD_ASSIGN_OR_RETURN(ctx.embedder, embed::make_embedder(config.embedding));
  retrieval::IndexServiceOptions options;
  options.snapshot_dir = config.index_dir;
  options.embedder = ctx.embedder.get();
  SANAD_ASSIGN_OR_RETURN(ctx.index, retrieval::IndexService::open(*ctx.db, options));
  return ctx;
}

}  // namespace sanad::cli
