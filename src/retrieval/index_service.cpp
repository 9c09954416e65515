// IndexService: building the index (snapshot or tables), following the change log
// and snapshotting. Retrieval itself is in retrieve.cpp.

#include "retrieval/index_service.h"

#include <cstdio>
#include <system_error>

#include "core/clock.h"
#include "search/binary_io.h"

namespace sanad::retrieval {

namespace {

constexpr size_t kEventBatch = 1000;
constexpr size_t kScanBatch = 1000;

// A stable fingerprint of the model id for the snapshot's file name.
std::string fingerprint(const std::string& text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(search::fnv1a64(text)));
  return buf;
}

}  // namespace

IndexServiceOptions index_options_from(const core::Config& config, embed::Embedder* embedder) {
  IndexServiceOptions options;
  options.snapshot_dir = config.index_dir;
  options.embedder = embedder;
  if (config.embedding.vector_storage == "int8") options.search.vectors.storage = search::VectorStorage::kInt8;
  return options;
}

IndexService::IndexService(db::Database& db, IndexServiceOptions options)
    : db_(db),
      options_(std::move(options)),
      vector_model_(options_.embedder ? options_.embedder->model_id() : std::string()),
      log_(db, vector_model_, options_.embedder ? options_.embedder->dimension() : 0) {}

IndexService::~IndexService() { stop(); }

std::filesystem::path IndexService::snapshot_path() const {
  if (options_.snapshot_dir.empty()) return {};
  std::string name = vector_model_.empty() ? "search-lexical" : "search-" + fingerprint(vector_model_);
  return options_.snapshot_dir / (name + ".snapshot");
}

void IndexService::log_warning(std::string_view message, const Status& status) const {
  if (options_.logger) options_.logger->warn(message, {{"error", status.to_string()}});
}

Result<std::unique_ptr<IndexService>> IndexService::open(db::Database& db, IndexServiceOptions options) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<IndexService> service(new IndexService(db, std::move(options)));
  IndexService& s = *service;
  SANAD_ASSIGN_OR_RETURN(uint64_t latest, s.log_.latest_seq());

  std::unique_ptr<search::SearchIndex> index;
  uint64_t applied = 0;
  if (auto path = s.snapshot_path(); !path.empty() && std::filesystem::exists(path)) {
    auto loaded = search::SearchIndex::load_snapshot(path.string(), s.options_.search);
    if (!loaded) {
      s.log_warning("search snapshot unusable; rebuilding from the database", loaded.status());
    } else if ((*loaded)->applied_seq() > latest) {
      s.log_warning("search snapshot is ahead of the database; rebuilding",
                    failed_precondition("snapshot at " + std::to_string((*loaded)->applied_seq()) +
                                        ", change log at " + std::to_string(latest)));
    } else {
      index = std::move(*loaded);
      applied = index->applied_seq();
      s.origin_ = "snapshot";
    }
  }
  std::lock_guard update(s.update_mutex_);
  if (!index) {
    SANAD_ASSIGN_OR_RETURN(index, s.build_from_tables(applied));
    s.origin_ = "rebuild";
    s.changes_since_snapshot_ = index->size() + 1;  // snapshot it at the first chance
  }
  SANAD_ASSIGN_OR_RETURN(size_t caught, s.apply_events(*index, applied));
  s.changes_since_snapshot_ += caught;
  s.index_ = std::move(index);
  s.applied_seq_ = applied;
  if (s.origin_ == "rebuild") {
    if (Status saved = s.save_locked(); !saved) s.log_warning("search snapshot not written", saved);
  }
  s.open_ms_ = core::ms_since(start);
  return service;
}

std::shared_ptr<search::SearchIndex> IndexService::current() const {
  std::lock_guard lock(index_mutex_);
  return index_;
}

Result<std::unique_ptr<search::SearchIndex>> IndexService::build_from_tables(uint64_t& applied) {
  // The log position is read before the scan: events after it are applied on top,
  // and replaying one the scan already saw is harmless (add replaces, remove of an
  // absent chunk is ignored).
  SANAD_ASSIGN_OR_RETURN(applied, log_.latest_seq());
  auto index = std::make_unique<search::SearchIndex>(options_.search);
  std::string after;
  while (true) {
    SANAD_ASSIGN_OR_RETURN(auto records, log_.scan(after, kScanBatch));
    if (records.empty()) break;
    for (const auto& record : records) SANAD_RETURN_IF_ERROR(index->add(record));
    after = records.back().chunk_id;
  }
  return index;
}

Result<size_t> IndexService::apply_events(search::SearchIndex& index, uint64_t& applied) {
  size_t total = 0;
  while (true) {
    SANAD_ASSIGN_OR_RETURN(auto events, log_.events_after(applied, kEventBatch));
    if (events.empty()) return total;
    std::vector<std::string> inserted;
    for (const auto& e : events) {
      if (e.insert) inserted.push_back(e.chunk_id);
    }
    // Rows as they are now: a chunk inserted then deleted within the batch is simply
    // absent, and its delete event finds nothing to remove.
    SANAD_ASSIGN_OR_RETURN(auto records, log_.chunks(inserted));
    std::unordered_map<std::string, const search::ChunkRecord*> by_id;
    for (const auto& r : records) by_id.emplace(r.chunk_id, &r);
    for (const auto& e : events) {
      if (e.insert) {
        if (auto it = by_id.find(e.chunk_id); it != by_id.end()) SANAD_RETURN_IF_ERROR(index.add(*it->second));
      } else if (Status s = index.remove(e.chunk_id); !s && s.code() != ErrorCode::kNotFound) {
        return s;
      }
    }
    applied = events.back().seq;
    total += events.size();
    if (events.size() < kEventBatch) return total;
  }
}

Result<size_t> IndexService::catch_up() {
  std::lock_guard update(update_mutex_);
  auto index = current();
  uint64_t applied = applied_seq_.load();
  auto applied_before = applied;
  auto caught = apply_events(*index, applied);
  // Whatever was applied stays applied, even when a later batch failed.
  changes_since_snapshot_ += applied - applied_before;
  applied_seq_ = applied;
  return caught;
}

Status IndexService::rebuild() {
  std::lock_guard update(update_mutex_);
  uint64_t applied = 0;
  SANAD_ASSIGN_OR_RETURN(auto index, build_from_tables(applied));
  SANAD_RETURN_IF_ERROR(apply_events(*index, applied).status());
  {
    std::lock_guard lock(index_mutex_);
    index_ = std::move(index);
  }
  applied_seq_ = applied;
  changes_since_snapshot_ = 1;
  return save_locked();
}

Status IndexService::save_snapshot() {
  std::lock_guard update(update_mutex_);
  return save_locked();
}

Status IndexService::save_locked() {
  auto path = snapshot_path();
  if (path.empty()) return {};
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return unavailable("cannot create the index directory '" + path.parent_path().string() + "': " + ec.message());
  SANAD_RETURN_IF_ERROR(current()->save_snapshot(path.string(), applied_seq_.load()));
  changes_since_snapshot_ = 0;
  last_snapshot_ = std::chrono::steady_clock::now();
  return {};
}

void IndexService::notify() {
  {
    std::lock_guard lock(follow_mutex_);
    poke_ = true;
  }
  follow_cv_.notify_one();
}

void IndexService::start() {
  std::lock_guard lock(follow_mutex_);
  if (follower_.joinable()) return;
  stopping_ = false;
  last_snapshot_ = std::chrono::steady_clock::now();
  follower_ = std::thread([this] { follow(); });
}

void IndexService::stop() {
  {
    std::lock_guard lock(follow_mutex_);
    if (!follower_.joinable()) return;
    stopping_ = true;
  }
  follow_cv_.notify_one();
  follower_.join();
  std::lock_guard update(update_mutex_);
  if (changes_since_snapshot_ > 0) {
    if (Status s = save_locked(); !s) log_warning("search snapshot not written at shutdown", s);
  }
}

void IndexService::follow() {
  while (true) {
    {
      std::unique_lock lock(follow_mutex_);
      follow_cv_.wait_for(lock, options_.poll_interval, [this] { return stopping_ || poke_; });
      if (stopping_) return;
      poke_ = false;
    }
    if (auto caught = catch_up(); !caught) {
      log_warning("search index catch-up failed; retrying", caught.status());
      continue;
    }
    std::lock_guard update(update_mutex_);
    if (changes_since_snapshot_ >= options_.snapshot_after_changes &&
        std::chrono::steady_clock::now() - last_snapshot_ >= options_.snapshot_min_interval) {
      if (Status s = save_locked(); !s) log_warning("search snapshot not written", s);
    }
  }
}

IndexStats IndexService::stats() const {
  auto index = current();
  IndexStats s;
  s.chunks = index->size();
  s.vectors = index->vector_count();
  s.applied_seq = applied_seq_.load();
  s.origin = origin_;
  s.open_ms = open_ms_;
  return s;
}

}  // namespace sanad::retrieval
