#pragma once
// The in-memory search index over chunks: lexical (BM25F) and vector (HNSW)
// retrieval, hybrid fusion, permission filtering inside candidate generation,
// and atomic snapshots. The database is the source of truth; this index is derived
// state that a caller fills with add/remove (from the chunks table and its change
// log) and persists with save_snapshot.

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "search/analyzer.h"
#include "search/fusion.h"
#include "search/lexical_index.h"
#include "search/vector_index.h"
#include "text/language.h"

namespace sanad::search {

// One chunk as the index sees it. Only ids, language and the analysed terms are kept;
// the text itself stays in the database.
struct ChunkRecord {
  std::string chunk_id;
  std::string document_id;
  std::string folder_id;
  std::string title;
  std::string headings;
  std::string text;
  text::Language language = text::Language::kUnknown;  // kUnknown: detected from text
  std::vector<float> vector;                           // optional embedding
};

// What the asking principal may read. `all` is for administrators and system jobs;
// otherwise a chunk is visible when its folder or its document is listed.
struct AccessFilter {
  bool all = false;
  std::unordered_set<std::string> folders;
  std::unordered_set<std::string> documents;

  static AccessFilter everything() {
    AccessFilter f;
    f.all = true;
    return f;
  }
};

enum class SearchMode { kLexical, kVector, kHybrid };

std::string_view search_mode_name(SearchMode mode);
Result<SearchMode> parse_search_mode(std::string_view name);

struct SearchQuery {
  std::string text;
  std::vector<float> vector;  // query embedding; empty when no model is configured
  size_t k = 10;
  SearchMode mode = SearchMode::kHybrid;
  AccessFilter access;
};

struct SearchHit {
  std::string chunk_id;
  std::string document_id;
  std::string folder_id;
  text::Language language = text::Language::kUnknown;
  double score = 0.0;
};

struct SearchTimings {
  double analyze_ms = 0, lexical_ms = 0, vector_ms = 0, fusion_ms = 0, total_ms = 0;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::string mode_used;  // "lexical", "vector" or "hybrid"
  std::string note;       // why the mode used differs from the one asked, if it does
  // Analysed query terms: pass them with a hit's text and language to
  // highlight_offsets() to get the byte ranges to highlight.
  std::vector<std::string> query_terms;
  SearchTimings timings;
};

struct SearchOptions {
  AnalyzerOptions analyzer;
  FieldWeights fields;
  Bm25Params bm25{1.2, 0.6};  // chosen on the eval sets (docs/search.md)
  VectorOptions vectors;
  FusionMethod fusion = FusionMethod::kReciprocalRank;
  size_t fusion_depth = 100;  // candidates taken from each retriever before fusing
};

// Thread-safe: any number of concurrent searches; add/remove take an exclusive lock
// only for the in-memory update (analysis happens before the lock), so readers wait
// at most one insertion.
class SearchIndex {
 public:
  explicit SearchIndex(SearchOptions options = {});
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Adds a chunk, replacing any chunk with the same id. Requires chunk_id; a vector
  // of the wrong dimension is an invalid_argument (and nothing is changed).
  Status add(const ChunkRecord& chunk);
  // Removes a chunk; not_found when it is not in the index.
  Status remove(const std::string& chunk_id);

  // Runs a query. Chunks outside query.access never reach scoring or results.
  Result<SearchResult> search(const SearchQuery& query) const;

  // Writes the whole state plus `applied_seq` (the last change-log sequence applied)
  // to `path` atomically (temp file, fsync, rename).
  Status save_snapshot(const std::string& path, uint64_t applied_seq) const;
  // Loads a snapshot written by save_snapshot. A corrupt, truncated or
  // version-mismatched file, or one built with other analysis options, is rejected
  // with failed_precondition (the caller then rebuilds from the database).
  static Result<std::unique_ptr<SearchIndex>> load_snapshot(const std::string& path,
                                                            SearchOptions options = {});

  size_t size() const;            // live chunks
  size_t vector_count() const;    // live chunks with a vector
  uint64_t applied_seq() const;   // from the last snapshot loaded or saved
  const SearchOptions& options() const { return options_; }

 private:
  struct ChunkMeta {  // the chunk id itself is chunk_keys_[ordinal]
    uint32_t document = 0;
    uint32_t folder = 0;
    text::Language language = text::Language::kUnknown;
    bool live = false;
  };
  uint32_t intern(std::vector<std::string>& names,
                  std::unordered_map<std::string, uint32_t>& ids, const std::string& name);
  void remove_locked(uint32_t ordinal);
  std::string serialize(uint64_t applied_seq, const std::string& scratch_path, Status& status) const;
  Status deserialize(std::string_view payload, const std::string& scratch_path);

  SearchOptions options_;
  mutable std::shared_mutex mutex_;
  std::vector<ChunkMeta> chunks_;  // by ordinal
  std::vector<std::string> chunk_keys_;  // chunk id by ordinal (also tie-break keys)
  std::unordered_map<std::string, uint32_t> ordinal_of_;
  std::vector<std::string> document_names_, folder_names_;
  std::unordered_map<std::string, uint32_t> document_ids_, folder_ids_;
  std::vector<uint32_t> live_per_document_, live_per_folder_;
  LexicalIndex lexical_;
  VectorIndex vectors_;
  mutable std::atomic<uint64_t> applied_seq_{0};
};

}  // namespace sanad::search
