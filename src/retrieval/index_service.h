#pragma once
// IndexService: this process's search index, derived from the database. On open it
// loads the newest snapshot (or rebuilds from the chunks table when there is none,
// or it is unreadable, or it is ahead of the database), then catches up from the
// chunk_events log; start() keeps following the log (polling; ≤ poll_interval
// behind) and snapshots now and then and on stop(). It answers retrievals with
// passages hydrated from the chunks table. See docs/search.md "Following the database".
//
// Thread-safety: retrieve(), index_version() and stats() from any thread, any
// number at once; catch_up(), rebuild() and save_snapshot() are serialised
// internally and may run while retrievals go on (a rebuild swaps the index in
// whole when it is done). The Database and the Embedder must outlive the service.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/log.h"
#include "db/database.h"
#include "embed/embedder.h"
#include "retrieval/change_log.h"
#include "retrieval/retriever.h"
#include "search/search_index.h"

namespace sanad::retrieval {

struct IndexServiceOptions {
  std::filesystem::path snapshot_dir;  // SANAD_INDEX_DIR; empty: no snapshots
  search::SearchOptions search;
  embed::Embedder* embedder = nullptr;  // query and chunk vectors; nullptr: lexical only
  std::chrono::milliseconds poll_interval{200};
  // A snapshot is written once this many changes were applied since the last one
  // and at least snapshot_min_interval has passed; and on stop().
  size_t snapshot_after_changes = 2000;
  std::chrono::milliseconds snapshot_min_interval{30000};
  core::Logger* logger = nullptr;  // optional
};

struct IndexStats {
  size_t chunks = 0;
  size_t vectors = 0;
  uint64_t applied_seq = 0;
  std::string origin;  // "snapshot" or "rebuild": how the index was first built
  double open_ms = 0;  // time open() took (load or rebuild, then catch-up)
};

class IndexService : public Retriever {
 public:
  // Builds the index (snapshot + catch-up, or rebuild) before returning.
  static Result<std::unique_ptr<IndexService>> open(db::Database& db, IndexServiceOptions options);
  ~IndexService() override;
  IndexService(const IndexService&) = delete;
  IndexService& operator=(const IndexService&) = delete;

  Result<RetrievalResult> retrieve(const RetrievalRequest& request) const override;
  uint64_t index_version() const override { return applied_seq_.load(); }

  // Applies every event after the last one applied; returns how many.
  Result<size_t> catch_up();
  // Rebuilds the whole index from the chunks table, swaps it in and snapshots it.
  Status rebuild();
  // Writes the snapshot now (no-op without a snapshot_dir).
  Status save_snapshot();
  // Wakes the follower at once (after a local write; optional).
  void notify();

  // Starts / stops the follower thread (stop() also snapshots when anything changed).
  void start();
  void stop();

  IndexStats stats() const;
  // The snapshot file this configuration reads and writes (empty without a dir).
  std::filesystem::path snapshot_path() const;

 private:
  IndexService(db::Database& db, IndexServiceOptions options);
  std::shared_ptr<search::SearchIndex> current() const;
  Result<std::unique_ptr<search::SearchIndex>> build_from_tables(uint64_t& applied);
  Result<size_t> apply_events(search::SearchIndex& index, uint64_t& applied);
  Status save_locked();
  void follow();
  void log_warning(std::string_view message, const Status& status) const;

  db::Database& db_;
  const IndexServiceOptions options_;
  const std::string vector_model_;  // empty without an embedder
  mutable ChangeLog log_;

  mutable std::mutex index_mutex_;  // guards the pointer, not the index
  std::shared_ptr<search::SearchIndex> index_;
  std::atomic<uint64_t> applied_seq_{0};

  std::mutex update_mutex_;  // one writer at a time: catch-up, rebuild, snapshot
  size_t changes_since_snapshot_ = 0;
  std::chrono::steady_clock::time_point last_snapshot_;
  std::string origin_;
  double open_ms_ = 0;

  std::mutex follow_mutex_;
  std::condition_variable follow_cv_;
  bool stopping_ = false;
  bool poke_ = false;
  std::thread follower_;
};

}  // namespace sanad::retrieval
