#pragma once
// In-memory inverted index with BM25F scoring (per-field weights on term
// frequencies and lengths) and MaxScore dynamic pruning for top-k.
// Documents are identified by dense ordinals assigned by the caller in increasing
// order. Not synchronised: the owner (SearchIndex) serialises writers and readers.

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "search/binary_io.h"

namespace sanad::search {

struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
};

// Weights of each field's term frequencies and lengths (BM25F).
struct FieldWeights {
  double title = 2.0;
  double headings = 1.5;
  double body = 1.0;
};

// Analysed terms of one document, per field (duplicates count as frequency).
struct FieldTerms {
  std::vector<std::string> title;
  std::vector<std::string> headings;
  std::vector<std::string> body;
};

struct ScoredOrdinal {
  uint32_t ordinal = 0;
  double score = 0.0;
};

class LexicalIndex {
 public:
  explicit LexicalIndex(FieldWeights weights = {});

  // Adds a document. `ordinal` must be greater than every ordinal added before.
  void add(uint32_t ordinal, const FieldTerms& terms);
  // Removes a live document (no-op when unknown or already removed).
  void remove(uint32_t ordinal);

  // The k best live documents for `query_terms` (distinct analysed terms), best
  // first; equal scores are ordered by `tie_keys[ordinal]` ascending so results do
  // not depend on insertion history. `allowed` is called before a document is scored:
  // a document it rejects is never scored nor returned.
  std::vector<ScoredOrdinal> top_k(const std::vector<std::string>& query_terms, size_t k,
                                   const Bm25Params& params,
                                   const std::function<bool(uint32_t)>& allowed,
                                   const std::vector<std::string>& tie_keys) const;

  size_t live_documents() const { return live_docs_; }
  size_t term_count() const { return terms_.size(); }
  // Bytes held by postings and per-document data (approximate).
  size_t memory_bytes() const;

  void save(BinaryWriter& out) const;
  // Replaces the contents from `in`; false on malformed data.
  bool load(BinaryReader& in);

 private:
  struct Postings {
    std::vector<uint32_t> docs;  // increasing ordinals (may include removed ones)
    std::vector<float> wtf;      // weighted term frequency, parallel to docs
    uint32_t df = 0;             // live documents containing the term
    float max_wtf = 0.0f;        // upper bound of wtf over the list
  };
  struct Doc {
    uint32_t title_len = 0, headings_len = 0, body_len = 0;
    float length = 0.0f;  // weighted length
    bool live = false;
    std::string term_ids;  // distinct term ids, sorted, delta + varint coded (df upkeep)
  };
  float weighted_length(const Doc& d) const;
  void compact();

  FieldWeights weights_;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<Postings> terms_;
  std::vector<Doc> docs_;  // indexed by ordinal
  size_t live_docs_ = 0;
  size_t dead_postings_ = 0;
  size_t total_postings_ = 0;
  uint64_t total_title_ = 0, total_headings_ = 0, total_body_ = 0;
  float min_length_ = std::numeric_limits<float>::max();  // smallest weighted length ever seen
};

}  // namespace sanad::search
