#include "retrieval/change_log.h"

#include "library/vector_blob.h"
#include "text/language.h"

namespace sanad::retrieval {

namespace {

// Columns every load selects; the vector columns are NULL without a model.
constexpr const char* kSelect =
    "SELECT c.id, c.document_id, c.folder_id, c.heading_trail, c.language, c.text, d.title, v.data "
    "FROM chunks c JOIN documents d ON d.id = c.document_id "
    "LEFT JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model = ? ";

}  // namespace

ChangeLog::ChangeLog(db::Database& db, std::string vector_model, size_t dimension)
    : db_(db), model_(std::move(vector_model)), dimension_(dimension) {}

Result<uint64_t> ChangeLog::latest_seq() {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query("SELECT COALESCE(MAX(seq), 0) AS seq FROM chunk_events"));
  return static_cast<uint64_t>(rows[0].get_int(0));
}

Result<std::vector<ChunkEvent>> ChangeLog::events_after(uint64_t after, size_t limit) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("SELECT seq, op, chunk_id FROM chunk_events WHERE seq > ? ORDER BY seq LIMIT ?",
                                   {static_cast<int64_t>(after), static_cast<int64_t>(limit)}));
  std::vector<ChunkEvent> events;
  events.reserve(rows.size());
  for (const auto& row : rows) {
    events.push_back({static_cast<uint64_t>(row.get_int(0)), row.get_string(1) == "insert", row.get_string(2)});
  }
  return events;
}

Result<std::vector<search::ChunkRecord>> ChangeLog::load(const std::string& where, const db::Params& params) {
  db::Params all{model_};
  all.insert(all.end(), params.begin(), params.end());
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query(std::string(kSelect) + where, all));
  std::vector<search::ChunkRecord> records;
  records.reserve(rows.size());
  for (const auto& row : rows) {
    search::ChunkRecord r;
    r.chunk_id = row.get_string(0);
    r.document_id = row.get_string(1);
    r.folder_id = row.get_string(2);
    r.headings = row.get_string(3);
    auto language = text::parse_language_code(row.get_string(4));
    r.language = language ? *language : text::Language::kUnknown;
    r.text = row.get_string(5);
    r.title = row.get_string(6);
    if (!model_.empty() && !row.is_null(7)) r.vector = library::blob_to_vector(row.get_blob(7), dimension_);
    records.push_back(std::move(r));
  }
  return records;
}

Result<std::vector<search::ChunkRecord>> ChangeLog::chunks(const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<search::ChunkRecord>{};
  std::string where = "WHERE c.id IN (";
  db::Params params;
  params.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    where += i == 0 ? "?" : ", ?";
    params.emplace_back(ids[i]);
  }
  where += ")";
  return load(where, params);
}

Result<std::vector<search::ChunkRecord>> ChangeLog::scan(const std::string& after_id, size_t limit) {
  return load("WHERE c.id > ? ORDER BY c.id LIMIT ?", {after_id, static_cast<int64_t>(limit)});
}

Result<int64_t> ChangeLog::chunks_without_vectors() {
  if (model_.empty()) return int64_t{0};
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("SELECT COUNT(*) FROM chunks c LEFT JOIN chunk_vectors v "
                                   "ON v.chunk_id = c.id AND v.model = ? WHERE v.chunk_id IS NULL",
                                   {model_}));
  return rows[0].get_int(0);
}

}  // namespace sanad::retrieval
