#include "search/beir_eval.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "search/metrics.h"

namespace sanad::search {
namespace {

std::string id_string(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

struct JsonLine {
  std::string id, title, text;
};

Result<std::vector<JsonLine>> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) return not_found("cannot open " + path);
  std::vector<JsonLine> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("_id")) {
      return invalid_argument(path + ":" + std::to_string(line_no) + ": not a JSON object with _id");
    }
    JsonLine row;
    row.id = id_string(j["_id"]);
    if (auto it = j.find("title"); it != j.end() && it->is_string()) row.title = it->get<std::string>();
    if (auto it = j.find("text"); it != j.end() && it->is_string()) row.text = it->get<std::string>();
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::map<std::string, Judgements>> read_qrels(const std::string& path) {
  std::ifstream in(path);
  if (!in) return not_found("cannot open " + path);
  std::map<std::string, Judgements> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string query, doc, score;
    if (!std::getline(fields, query, '\t') || !std::getline(fields, doc, '\t') ||
        !std::getline(fields, score, '\t')) {
      return invalid_argument(path + ":" + std::to_string(line_no) + ": expected 3 tab-separated fields");
    }
    int grade = 0;
    try {
      grade = std::stoi(score);
    } catch (const std::exception&) {
      if (line_no == 1) continue;  // header line
      return invalid_argument(path + ":" + std::to_string(line_no) + ": bad score '" + score + "'");
    }
    out[query][doc] = grade;
  }
  return out;
}

}  // namespace

Result<EvalReport> evaluate_beir(const std::string& dir, const EvalOptions& options) {
  if (options.mode == SearchMode::kVector && !options.embed) {
    return unsupported("vector evaluation needs an embedding model");
  }
  SANAD_ASSIGN_OR_RETURN(auto corpus, read_jsonl(dir + "/corpus.jsonl"));
  SANAD_ASSIGN_OR_RETURN(auto queries, read_jsonl(dir + "/queries.jsonl"));
  SANAD_ASSIGN_OR_RETURN(auto qrels, read_qrels(dir + "/qrels/test.tsv"));

  SearchIndex index(options.search);
  const bool use_vectors = options.mode != SearchMode::kLexical && static_cast<bool>(options.embed);
  for (const JsonLine& doc : corpus) {
    ChunkRecord chunk;
    chunk.chunk_id = doc.id;
    chunk.document_id = doc.id;
    chunk.title = doc.title;
    chunk.text = doc.text;
    if (use_vectors) {
      SANAD_ASSIGN_OR_RETURN(chunk.vector, options.embed(doc.title.empty() ? doc.text : doc.title + "\n" + doc.text, false));
    }
    SANAD_RETURN_IF_ERROR(index.add(chunk).with_context("indexing " + doc.id));
  }

  EvalReport report;
  report.documents = corpus.size();
  std::vector<double> latencies;
  double ndcg = 0, recall = 0, mrr = 0;
  for (const JsonLine& q : queries) {
    auto judged = qrels.find(q.id);
    if (judged == qrels.end()) continue;
    SearchQuery query;
    query.text = q.text;
    query.k = std::max<size_t>(options.k, 100);
    query.mode = options.mode;
    query.access = AccessFilter::everything();
    if (use_vectors) {
      SANAD_ASSIGN_OR_RETURN(query.vector, options.embed(q.text, true));
    }
    SANAD_ASSIGN_OR_RETURN(SearchResult result, index.search(query));
    latencies.push_back(result.timings.total_ms);
    report.mode_used = result.mode_used;
    report.note = result.note;
    std::vector<std::string> ranked;
    ranked.reserve(result.hits.size());
    for (const SearchHit& h : result.hits) ranked.push_back(h.chunk_id);
    ndcg += ndcg_at_k(ranked, judged->second, 10);
    recall += recall_at_k(ranked, judged->second, 100);
    mrr += mrr_at_k(ranked, judged->second, 10);
    ++report.queries;
  }
  if (report.queries > 0) {
    const auto n = static_cast<double>(report.queries);
    report.ndcg_at_10 = ndcg / n;
    report.recall_at_100 = recall / n;
    report.mrr_at_10 = mrr / n;
  }
  report.p50_ms = percentile(latencies, 50);
  report.p99_ms = percentile(latencies, 99);
  if (report.mode_used.empty()) report.mode_used = std::string(search_mode_name(options.mode));
  return report;
}

std::string eval_report_json(const EvalReport& report) {
  nlohmann::ordered_json j;
  j["ndcg@10"] = report.ndcg_at_10;
  j["recall@100"] = report.recall_at_100;
  j["mrr@10"] = report.mrr_at_10;
  j["p50_ms"] = report.p50_ms;
  j["p99_ms"] = report.p99_ms;
  j["queries"] = report.queries;
  j["documents"] = report.documents;
  return j.dump();
}

}  // namespace sanad::search
