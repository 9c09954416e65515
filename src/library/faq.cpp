// Curated question/answer entries: CSV import (upsert by normalised question) and
// listing.

#include "core/clock.h"
#include "core/ids.h"
#include "documents/csv_faq.h"
#include "library/fold.h"
#include "library/library.h"

namespace sanad::library {

std::string question_key(std::string_view question) {
  const std::string folded = detail::fold_case(question);
  std::string key;
  bool pending_space = false;
  for (unsigned char ch : folded) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key += ' ';
    pending_space = false;
    key += static_cast<char>(ch);
  }
  while (!key.empty() && (key.back() == '?' || key.back() == '!' || key.back() == '.' || key.back() == ' ')) {
    key.pop_back();
  }
  // The Arabic question mark (U+061F) at the end, too.
  while (key.size() >= 2 && key.compare(key.size() - 2, 2, "\xD8\x9F") == 0) {
    key.resize(key.size() - 2);
    while (!key.empty() && key.back() == ' ') key.pop_back();
  }
  return key;
}

Result<FaqImportReport> Library::import_faq_csv(const std::filesystem::path& path, const std::string& folder_id) {
  SANAD_ASSIGN_OR_RETURN(Folder folder, get_folder(folder_id));
  FaqImportReport report;
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    report = FaqImportReport{};
    auto sink = [&](documents::FaqEntry&& e) -> Status {
      std::string key = question_key(e.question);
      int64_t now = core::now_ms();
      SANAD_ASSIGN_OR_RETURN(auto rows, c.query("SELECT id, question, answer, category, source FROM faq_entries "
                                                "WHERE folder_id = ? AND question_key = ?",
                                                {folder.id, key}));
      if (rows.empty()) {
        ++report.inserted;
        return c
            .exec("INSERT INTO faq_entries (id, folder_id, question, question_key, answer, category, source, "
                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {core::new_id(), folder.id, e.question, key, e.answer, e.category, e.source, now, now})
            .status();
      }
      const auto& r = rows.front();
      if (r.get_string("question") == e.question && r.get_string("answer") == e.answer &&
          r.get_string("category") == e.category && r.get_string("source") == e.source) {
        ++report.unchanged;
        return Status::ok();
      }
      ++report.updated;
      return c
          .exec("UPDATE faq_entries SET question = ?, answer = ?, category = ?, source = ?, updated_at = ? "
                "WHERE id = ?",
                {e.question, e.answer, e.category, e.source, now, r.get_string("id")})
          .status();
    };
    SANAD_ASSIGN_OR_RETURN(auto summary, documents::read_faq_csv(path, options_.ingest.limits, sink));
    report.errors = std::move(summary.errors);
    report.error_count = summary.error_count;
    return Status::ok();
  });
  if (!s) return s;
  return report;
}

Result<std::vector<FaqItem>> Library::list_faq(const std::optional<std::string>& folder_id) {
  std::string sql =
      "SELECT id, folder_id, question, answer, category, source, created_at, updated_at FROM faq_entries";
  db::Params params;
  if (folder_id) {
    sql += " WHERE folder_id = ?";
    params.push_back(*folder_id);
  }
  sql += " ORDER BY created_at, id";
  SANAD_ASSIGN_OR_RETURN(auto rows, db_.query(sql, params));
  std::vector<FaqItem> out;
  for (const auto& r : rows) {
    out.push_back({r.get_string("id"), r.get_string("folder_id"), r.get_string("question"), r.get_string("answer"),
                   r.get_string("category"), r.get_string("source"), r.get_int("created_at"),
                   r.get_int("updated_at")});
  }
  return out;
}

}  // namespace sanad::library
