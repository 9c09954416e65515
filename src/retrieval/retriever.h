#pragma once
// What the answer pipeline and GET /api/search ask of retrieval: the best passages
// for a query among what the caller may read, each hydrated from the chunks table
// (title, page, section, exact text and its offsets in the document's extracted
// text), with the analysed query terms and per-stage timings.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "search/search_index.h"

namespace sanad::retrieval {

// One retrieved chunk, as stored.
struct Passage {
  std::string chunk_id;
  std::string document_id;
  std::string folder_id;
  std::string title;         // the document's title
  int64_t ordinal = 0;       // position of the chunk in its document (0-based)
  int64_t page = 0;          // 1-based page for paged formats, 0 otherwise
  std::string section;       // heading trail, " > "-joined; empty when none
  std::string text;          // the chunk's text exactly as stored
  int64_t start = 0;         // character offsets of `text` in the document's extracted text
  int64_t end = 0;
  std::string language;      // "fr", "ar", "en" or ""
  double score = 0.0;
  // Byte ranges [first, second) of `text` that match the query, for highlighting
  // (only when the request asked for them).
  std::vector<std::pair<size_t, size_t>> highlights;
};

struct RetrievalRequest {
  std::string query;
  size_t k = 10;
  search::SearchMode mode = search::SearchMode::kHybrid;
  search::AccessFilter access;               // what the caller may read
  std::optional<std::string> folder_id;      // restrict to this folder (and nothing else)
  bool highlights = true;                    // false: Passage::highlights left empty (cheaper)
};

struct RetrievalTimings {
  double embed_ms = 0;     // query embedding (0 without a model)
  search::SearchTimings search;
  double hydrate_ms = 0;   // reading the hits' rows
  double total_ms = 0;
};

struct RetrievalResult {
  std::vector<Passage> passages;  // best first, at most k
  std::string mode_used;          // "lexical", "vector" or "hybrid"
  std::string note;               // why mode_used differs from the mode asked, if it does
  std::vector<std::string> query_terms;
  uint64_t index_version = 0;     // the last change-log sequence applied (cache key part)
  // The query's embedding (as a query) when retrieval computed one; empty otherwise.
  std::vector<float> query_vector;
  RetrievalTimings timings;
};

// Thread-safe: any number of concurrent retrieve() calls.
class Retriever {
 public:
  virtual ~Retriever() = default;
  // invalid_argument for an empty query or k outside 1..100.
  virtual Result<RetrievalResult> retrieve(const RetrievalRequest& request) const = 0;
  // The change-log sequence the index has applied; moves whenever results may change.
  virtual uint64_t index_version() const = 0;
};

}  // namespace sanad::retrieval
