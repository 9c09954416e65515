#include "search/search_index.h"

#include <chrono>
#include <functional>
#include <mutex>

#include "core/clock.h"

namespace sanad::search {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> term_texts(std::vector<Term> terms) {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (Term& t : terms) out.push_back(std::move(t.text));
  return out;
}

}  // namespace

std::string_view search_mode_name(SearchMode mode) {
  switch (mode) {
    case SearchMode::kLexical: return "lexical";
    case SearchMode::kVector: return "vector";
    case SearchMode::kHybrid: return "hybrid";
  }
  return "hybrid";
}

Result<SearchMode> parse_search_mode(std::string_view name) {
  if (name == "lexical") return SearchMode::kLexical;
  if (name == "vector") return SearchMode::kVector;
  if (name == "hybrid") return SearchMode::kHybrid;
  return invalid_argument("unknown search mode '" + std::string(name) +
                          "' (expected lexical, vector or hybrid)");
}

SearchIndex::SearchIndex(SearchOptions options)
    : options_(options), lexical_(options.fields), vectors_(options.vectors) {}

SearchIndex::~SearchIndex() = default;

uint32_t SearchIndex::intern(std::vector<std::string>& names,
                             std::unordered_map<std::string, uint32_t>& ids,
                             const std::string& name) {
  auto [it, inserted] = ids.try_emplace(name, static_cast<uint32_t>(names.size()));
  if (inserted) names.push_back(name);
  return it->second;
}

Status SearchIndex::add(const ChunkRecord& chunk) {
  if (chunk.chunk_id.empty()) return invalid_argument("chunk_id is required");
  text::Language language = chunk.language;
  if (language == text::Language::kUnknown) {
    language = text::detect_language(chunk.text.empty() ? chunk.title : chunk.text).language;
  }
  // Analysis runs before taking the lock so readers are not held up by it.
  Analyzer analyzer(options_.analyzer);
  FieldTerms terms;
  terms.title = term_texts(analyzer.analyze(chunk.title, language));
  terms.headings = term_texts(analyzer.analyze(chunk.headings, language));
  terms.body = term_texts(analyzer.analyze(chunk.text, language));
  std::vector<float> vector = chunk.vector;
  if (!vector.empty() && !normalize_vector(vector)) return invalid_argument("zero vector");

  std::unique_lock lock(mutex_);
  if (!vector.empty() && vectors_.dimension() != 0 && vector.size() != vectors_.dimension()) {
    return invalid_argument("vector has dimension " + std::to_string(vector.size()) +
                            ", the index has " + std::to_string(vectors_.dimension()));
  }
  if (auto it = ordinal_of_.find(chunk.chunk_id); it != ordinal_of_.end()) {
    remove_locked(it->second);
  }
  const auto ordinal = static_cast<uint32_t>(chunks_.size());
  if (!vector.empty()) SANAD_RETURN_IF_ERROR(vectors_.add(ordinal, vector));
  ChunkMeta meta;
  meta.document = intern(document_names_, document_ids_, chunk.document_id);
  meta.folder = intern(folder_names_, folder_ids_, chunk.folder_id);
  meta.language = language;
  meta.live = true;
  live_per_document_.resize(document_names_.size());
  live_per_folder_.resize(folder_names_.size());
  ++live_per_document_[meta.document];
  ++live_per_folder_[meta.folder];
  chunks_.push_back(std::move(meta));
  chunk_keys_.push_back(chunk.chunk_id);
  ordinal_of_[chunk.chunk_id] = ordinal;
  lexical_.add(ordinal, terms);
  return Status::ok();
}

void SearchIndex::remove_locked(uint32_t ordinal) {
  ChunkMeta& meta = chunks_[ordinal];
  if (!meta.live) return;
  meta.live = false;
  --live_per_document_[meta.document];
  --live_per_folder_[meta.folder];
  lexical_.remove(ordinal);
  vectors_.remove(ordinal);
  ordinal_of_.erase(chunk_keys_[ordinal]);
  chunk_keys_[ordinal] = std::string();  // dead ordinals keep no id
}

Status SearchIndex::remove(const std::string& chunk_id) {
  std::unique_lock lock(mutex_);
  auto it = ordinal_of_.find(chunk_id);
  if (it == ordinal_of_.end()) return not_found("chunk " + chunk_id + " is not indexed");
  remove_locked(it->second);
  return Status::ok();
}

Result<SearchResult> SearchIndex::search(const SearchQuery& query) const {
  const auto start = Clock::now();
  if (query.k == 0) return invalid_argument("k must be at least 1");
  SearchResult result;
  {
    Analyzer analyzer(options_.analyzer);
    result.query_terms = analyzer.analyze_query(query.text);
  }
  result.timings.analyze_ms = core::ms_since(start);

  std::shared_lock lock(mutex_);
  // The permission filter, resolved once to interned ids.
  std::vector<char> folder_ok;
  std::unordered_set<uint32_t> document_ok;
  size_t allowed_count = SIZE_MAX;
  if (!query.access.all) {
    folder_ok.assign(folder_names_.size(), 0);
    allowed_count = 0;
    for (const std::string& f : query.access.folders) {
      if (auto it = folder_ids_.find(f); it != folder_ids_.end()) {
        folder_ok[it->second] = 1;
        allowed_count += live_per_folder_[it->second];
      }
    }
    for (const std::string& d : query.access.documents) {
      if (auto it = document_ids_.find(d); it != document_ids_.end()) {
        document_ok.insert(it->second);
        allowed_count += live_per_document_[it->second];
      }
    }
  }
  const bool all = query.access.all;
  std::function<bool(uint32_t)> allowed = [&](uint32_t ordinal) {
    if (all) return true;
    const ChunkMeta& m = chunks_[ordinal];
    return folder_ok[m.folder] != 0 || (!document_ok.empty() && document_ok.count(m.document) > 0);
  };

  SearchMode mode = query.mode;
  const bool can_vector = !query.vector.empty() && !vectors_.empty() &&
                          query.vector.size() == vectors_.dimension();
  if (mode != SearchMode::kLexical && !can_vector) {
    if (mode == SearchMode::kVector && !query.vector.empty() && !vectors_.empty()) {
      return invalid_argument("query vector has dimension " + std::to_string(query.vector.size()) +
                              ", the index has " + std::to_string(vectors_.dimension()));
    }
    result.note = vectors_.empty() ? "no vectors in the index: lexical search only"
                                   : "no query vector: lexical search only";
    mode = SearchMode::kLexical;
  }
  result.mode_used = std::string(search_mode_name(mode));

  const size_t depth = mode == SearchMode::kHybrid ? std::max(query.k, options_.fusion_depth) : query.k;
  std::vector<ScoredOrdinal> lexical_hits, vector_hits, fused;
  if (mode != SearchMode::kVector) {
    const auto t = Clock::now();
    lexical_hits = lexical_.top_k(result.query_terms, depth, options_.bm25, allowed, chunk_keys_);
    result.timings.lexical_ms = core::ms_since(t);
  }
  if (mode != SearchMode::kLexical) {
    const auto t = Clock::now();
    vector_hits = vectors_.search(query.vector, depth, allowed, allowed_count);
    result.timings.vector_ms = core::ms_since(t);
  }
  if (mode == SearchMode::kHybrid) {
    const auto t = Clock::now();
    fused = options_.fusion == FusionMethod::kMinMax
                ? min_max_fusion(lexical_hits, vector_hits, query.k)
                : reciprocal_rank_fusion(lexical_hits, vector_hits, query.k);
    result.timings.fusion_ms = core::ms_since(t);
  } else {
    fused = mode == SearchMode::kLexical ? std::move(lexical_hits) : std::move(vector_hits);
  }
  result.hits.reserve(fused.size());
  for (const ScoredOrdinal& s : fused) {
    const ChunkMeta& m = chunks_[s.ordinal];
    result.hits.push_back(SearchHit{chunk_keys_[s.ordinal], document_names_[m.document],
                                    folder_names_[m.folder], m.language, s.score});
  }
  result.timings.total_ms = core::ms_since(start);
  return result;
}

size_t SearchIndex::size() const {
  std::shared_lock lock(mutex_);
  return ordinal_of_.size();
}

size_t SearchIndex::vector_count() const {
  std::shared_lock lock(mutex_);
  return vectors_.live_count();
}

uint64_t SearchIndex::applied_seq() const { return applied_seq_.load(); }

}  // namespace sanad::search
