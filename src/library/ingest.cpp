// Ingestion of one document: extraction and chunking (documents::ingest_document),
// then the chunk swap in a single transaction so a crash at any point leaves either
// the old chunks or the new ones, never both and never half.

#include <algorithm>

#include "core/clock.h"
#include "core/ids.h"
#include "documents/document_type.h"
#include "library/chunk_spool.h"
#include "documents/extract_process.h"
#include "library/library.h"
#include "text/language.h"

namespace sanad::library {

namespace {

constexpr std::size_t kMaxErrorBytes = 1000;

Status set_status(db::Database& db, const std::string& id, const std::string& status,
                  const std::optional<std::string>& error) {
  std::string message = error.value_or("");
  if (message.size() > kMaxErrorBytes) message.resize(kMaxErrorBytes);
  return db
      .exec("UPDATE documents SET status = ?, error = ?, updated_at = ? WHERE id = ?",
            {status, error ? db::Value(message) : db::Value(db::kNull), core::now_ms(), id})
      .status();
}

// Inserts `chunks` with one multi-row INSERT for the chunks and one for their events.
Status insert_batch(db::Connection& c, const Document& d, const std::vector<documents::Chunk>& chunks, int64_t now) {
  std::string sql =
      "INSERT INTO chunks (id, document_id, folder_id, ordinal, page, heading_trail, start_offset, end_offset, "
      "language, token_count, text, created_at) VALUES ";
  std::string events = "INSERT INTO chunk_events (op, chunk_id, document_id, created_at) VALUES ";
  db::Params params;
  db::Params event_params;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const auto& ch = chunks[i];
    const std::string id = core::new_id();
    if (i > 0) {
      sql += ", ";
      events += ", ";
    }
    sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    events += "('insert', ?, ?, ?)";
    params.insert(params.end(),
                  {id, d.id, d.folder_id, static_cast<int64_t>(ch.index), static_cast<int64_t>(ch.page),
                   documents::heading_trail_string(ch.heading_trail), static_cast<int64_t>(ch.start),
                   static_cast<int64_t>(ch.end), std::string(text::language_code(ch.language)),
                   static_cast<int64_t>(ch.tokens), ch.text, now});
    event_params.insert(event_params.end(), {id, d.id, now});
  }
  SANAD_RETURN_IF_ERROR(c.exec(sql, params).status());
  return c.exec(events, event_params).status();
}

}  // namespace

Status Library::ingest(const std::string& document_id, const IngestHooks& hooks) {
  SANAD_ASSIGN_OR_RETURN(Document d, get_document(document_id));
  SANAD_RETURN_IF_ERROR(set_status(db_, d.id, "processing", std::nullopt));

  auto fail = [&](const Status& why) -> Status {
    Status s = set_status(db_, d.id, "failed", why.message());
    return s ? why : s;
  };

  auto detector = detectors_.acquire();
  if (!detector) return detector.status();  // environment problem: retried
  auto type = (*detector)->detect(stored_file(d), d.original_name);
  if (!type) return fail(type.status());

  // Chunks wait on disk, not in memory, until the transaction that stores them.
  auto spool = detail::ChunkSpool::create();
  if (!spool) return spool.status();
  IngestReport report;  // the extractor's first progress carries pages_total
  auto on_chunk = [&](documents::Chunk&& chunk) -> Status { return (*spool)->append(chunk); };
  auto on_progress = [&](const documents::IngestProgress& p) -> Status {
    report.pages_done = p.pages_done;
    report.pages_total = p.pages_total;
    report.chunks_done = p.chunks_done;
    if (hooks.on_progress) hooks.on_progress(report);
    return Status::ok();
  };
  if (!options_.extractor) return internal_error("the library has no extractor");
  auto summary = options_.extractor(*type, stored_file(d), options_.ingest, on_chunk, on_progress, hooks.cancelled);
  if (!summary) {
    const ErrorCode code = summary.status().code();
    if (code == ErrorCode::kCancelled) return summary.status();
    // A timeout or a crash of the extractor is the document's own doing: retrying
    // would only do it again, so it fails for good like any unreadable file.
    if (code == ErrorCode::kDeadlineExceeded || code == ErrorCode::kInternal) {
      return fail(failed_precondition(summary.status().message()));
    }
    return fail(summary.status());
  }
  const std::size_t chunk_count = (*spool)->size();
  if (chunk_count == 0) return fail(invalid_argument("no text could be extracted from this document"));
  const std::string language(text::language_code(summary->language.language));
  const std::size_t batch = std::max<std::size_t>(1, options_.insert_batch_rows);

  Status written = db_.transaction([&](db::Connection& c) -> Status {
    // Touching the row first serialises concurrent ingestions of one document (a
    // re-run racing a crashed attempt picked up again) on its row lock, so each
    // sees the other's chunks; and it tells whether the document was deleted meanwhile.
    SANAD_ASSIGN_OR_RETURN(int64_t touched, c.exec("UPDATE documents SET updated_at = ? WHERE id = ?",
                                                   {core::now_ms(), d.id}));
    if (touched == 0) return not_found("the document was deleted during ingestion");
    SANAD_RETURN_IF_ERROR(delete_chunks(c, d.id));
    int64_t now = core::now_ms();
    SANAD_RETURN_IF_ERROR((*spool)->rewind());
    std::vector<documents::Chunk> chunks;
    while (true) {
      SANAD_RETURN_IF_ERROR((*spool)->read_batch(batch, chunks));
      if (chunks.empty()) break;
      SANAD_RETURN_IF_ERROR(insert_batch(c, d, chunks, now));
    }
    return c
        .exec("UPDATE documents SET status = 'ready', error = NULL, pages = ?, chunk_count = ?, language = ?, "
              "updated_at = ? WHERE id = ?",
              {static_cast<int64_t>(summary->pages), static_cast<int64_t>(chunk_count), language, now, d.id})
        .status();
  });
  if (!written) return written;
  report.pages_done = summary->pages;
  report.pages_total = std::max(report.pages_total, summary->pages);
  report.chunks_done = chunk_count;
  if (hooks.on_progress) hooks.on_progress(report);
  return {};
}

}  // namespace sanad::library
