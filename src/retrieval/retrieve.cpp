// IndexService::retrieve: query embedding, the folder restriction, the search
// itself and hydration of the hits from the chunks table.

#include <chrono>
#include <unordered_map>

#include "core/clock.h"
#include "retrieval/index_service.h"
#include "search/analyzer.h"
#include "text/language.h"

namespace sanad::retrieval {

namespace {

constexpr size_t kMaxK = 100;

// The folder and every folder below it.
Result<std::vector<std::string>> folder_subtree(db::Database& db, const std::string& folder_id) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db.query("WITH RECURSIVE tree(id) AS (SELECT id FROM folders WHERE id = ? "
                                                 "UNION ALL SELECT f.id FROM folders f JOIN tree t ON f.parent_id = t.id) "
                                                 "SELECT id FROM tree",
                                                 {folder_id}));
  if (rows.size() == 0) return not_found("no folder with id '" + folder_id + "'");
  std::vector<std::string> ids;
  for (const auto& row : rows) ids.push_back(row.get_string(0));
  return ids;
}

// Narrows `access` to the folder subtree: what the caller may read AND lies there.
// Single-document grants are kept only when the caller may read everything else
// too; otherwise a folder restriction drops them (their folder is not known here).
search::AccessFilter restrict_to(const search::AccessFilter& access, const std::vector<std::string>& subtree) {
  search::AccessFilter narrowed;
  for (const auto& id : subtree) {
    if (access.all || access.folders.count(id) > 0) narrowed.folders.insert(id);
  }
  return narrowed;
}

Result<std::vector<Passage>> hydrate(db::Database& db, const search::SearchResult& found,
                                     const search::AnalyzerOptions& analyzer, bool highlights) {
  std::vector<Passage> passages;
  if (found.hits.empty()) return passages;
  std::string sql =
      "SELECT c.id, c.document_id, c.folder_id, c.ordinal, c.page, c.heading_trail, c.text, c.start_offset, "
      "c.end_offset, c.language, d.title FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id IN (";
  db::Params params;
  for (size_t i = 0; i < found.hits.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(found.hits[i].chunk_id);
  }
  sql += ")";
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, params));
  std::unordered_map<std::string, const db::Row*> by_id;
  for (const auto& row : rows) by_id.emplace(row.get_string(0), &row);
  for (const auto& hit : found.hits) {
    auto it = by_id.find(hit.chunk_id);
    if (it == by_id.end()) continue;  // deleted since the index saw it
    const db::Row& row = *it->second;
    Passage p;
    p.chunk_id = hit.chunk_id;
    p.document_id = row.get_string(1);
    p.folder_id = row.get_string(2);
    p.ordinal = row.get_int(3);
    p.page = row.get_int(4);
    p.section = row.get_string(5);
    p.text = row.get_string(6);
    p.start = row.get_int(7);
    p.end = row.get_int(8);
    p.language = row.get_string(9);
    p.title = row.get_string(10);
    p.score = hit.score;
    if (highlights) {
      for (const auto& [from, to] : search::highlight_offsets(p.text, hit.language, found.query_terms, analyzer)) {
        p.highlights.emplace_back(from, to);
      }
    }
    passages.push_back(std::move(p));
  }
  return passages;
}

}  // namespace

Result<RetrievalResult> IndexService::retrieve(const RetrievalRequest& request) const {
  const auto start = std::chrono::steady_clock::now();
  if (request.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid_argument("the query is empty");
  }
  if (request.k == 0 || request.k > kMaxK) return invalid_argument("k must be between 1 and 100");

  RetrievalResult result;
  search::SearchQuery query;
  query.text = request.query;
  query.k = request.k;
  query.mode = request.mode;
  query.access = request.access;
  if (request.folder_id) {
    SANAD_ASSIGN_OR_RETURN(auto subtree, folder_subtree(db_, *request.folder_id));
    query.access = restrict_to(request.access, subtree);
  }
  std::string embed_note;
  if (request.mode != search::SearchMode::kLexical && options_.embedder == nullptr) {
    embed_note = "no embedding model configured (EMBEDDING_MODEL or EMBEDDING_URL): lexical search only";
  } else if (request.mode != search::SearchMode::kLexical) {
    const auto embed_start = std::chrono::steady_clock::now();
    auto vectors = options_.embedder->embed({request.query}, embed::InputKind::kQuery);
    result.timings.embed_ms = core::ms_since(embed_start);
    if (vectors && vectors->size() == 1) {
      query.vector = std::move((*vectors)[0]);
    } else {
      log_warning("query embedding failed; searching lexically", vectors.status());
      embed_note = "the embedding model failed: lexical search only";
    }
  }

  auto index = current();
  result.index_version = applied_seq_.load();
  SANAD_ASSIGN_OR_RETURN(search::SearchResult found, index->search(query));
  result.mode_used = found.mode_used;
  result.note = embed_note.empty() ? found.note : embed_note;
  result.timings.search = found.timings;

  const auto hydrate_start = std::chrono::steady_clock::now();
  SANAD_ASSIGN_OR_RETURN(result.passages, hydrate(db_, found, index->options().analyzer, request.highlights));
  result.timings.hydrate_ms = core::ms_since(hydrate_start);
  result.query_terms = std::move(found.query_terms);
  result.query_vector = std::move(query.vector);
  result.timings.total_ms = core::ms_since(start);
  return result;
}

}  // namespace sanad::retrieval
