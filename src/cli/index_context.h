#pragma once
// What the search commands (`search`, `reindex`, `ask`) share: the database opened
// from the configuration and migrated, the embedding model if one is configured, and
// the search index (loaded from SANAD_INDEX_DIR's snapshot and caught up from the
// change log, or rebuilt).

#include <memory>

#include "core/config.h"
#include "core/status.h"
#include "db/database.h"
#include "embed/embedder.h"
#include "retrieval/index_service.h"

namespace sanad::cli {

struct IndexContext {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<embed::Embedder> embedder;  // nullptr without a model
  std::unique_ptr<retrieval::IndexService> index;  // uses *db and *embedder
};

Result<IndexContext> open_index(const core::Config& config);

}  // namespace sanad::cli
