#pragma once
// Evaluation on a BEIR-format folder (corpus.jsonl, queries.jsonl, qrels/test.tsv):
// the library behind `sanad eval --beir`. Indexes the corpus into a throwaway
// in-memory SearchIndex, runs every judged query and reports standard metrics.

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "search/search_index.h"

namespace sanad::search {

// Embeds a text; `is_query` selects the model's query or passage form.
using EmbedFunction = std::function<Result<std::vector<float>>(const std::string& text, bool is_query)>;

struct EvalOptions {
  SearchMode mode = SearchMode::kLexical;
  size_t k = 100;             // results retrieved per query (≥ 100 for Recall@100)
  SearchOptions search;       // analysis, BM25 and fusion settings
  EmbedFunction embed;        // required for vector mode; optional for hybrid
};

struct EvalReport {
  double ndcg_at_10 = 0, recall_at_100 = 0, mrr_at_10 = 0;
  double p50_ms = 0, p99_ms = 0;  // search latency per query (analysis included)
  size_t queries = 0;             // judged queries run
  size_t documents = 0;           // corpus size
  std::string mode_used;          // e.g. "lexical" when hybrid had no vectors
  std::string note;
};

// Fails with not_found when a file is missing, invalid_argument when a line is
// malformed, unsupported when vector mode is asked without an embed function.
Result<EvalReport> evaluate_beir(const std::string& dir, const EvalOptions& options);

// One JSON object with exactly the keys ndcg@10, recall@100, mrr@10, p50_ms,
// p99_ms, queries, documents.
std::string eval_report_json(const EvalReport& report);

}  // namespace sanad::search
