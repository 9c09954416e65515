#pragma once
// Library: the document library on top of the database — folders (a tree),
// categories, documents (stored files, status, chunks and the chunk change log)
// and curated FAQ entries. Built once (in `sanad serve` or a command) and passed by
// reference; the Database must outlive it. All member functions are thread-safe
// (state lives in the database; each call borrows its own connections).
//
// Every chunk insert and delete appends one row to chunk_events in the same
// transaction, so search indexes that follow the log never miss a change.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "db/database.h"
#include "documents/csv_faq.h"
#include "documents/extract_process.h"
#include "embed/embedder.h"
#include "library/detector_pool.h"
#include "library/types.h"

namespace sanad::library {

struct LibraryOptions {
  std::filesystem::path upload_dir;    // stored files live under it (must exist)
  documents::IngestOptions ingest;     // extraction limits and chunking
  std::size_t insert_batch_rows = 100;  // chunks per multi-row INSERT
  // Extraction and chunking of one file: documents::child_process_extractor() in
  // the server and the commands (a watchdog, a memory limit, no parser in this
  // process); tests may run documents::ingest_document in-process. Required by ingest().
  documents::Extractor extractor;
  // Chunk embeddings (chunk_vectors) are computed with it after ingestion and by
  // vectorize(); nullptr: none (lexical search only). Must outlive the Library.
  embed::Embedder* embedder = nullptr;
  std::size_t embed_batch = 32;  // chunks per embedding call and per transaction
};

// What vectorize() covers.
struct VectorizeScope {
  std::optional<std::string> document_id;  // nullopt: every document
  bool recompute = false;                  // false: only chunks without a vector for the model
};

// Vectorize progress: (chunks done, chunks to do), and a cancellation probe.
struct VectorizeHooks {
  std::function<void(std::size_t, std::size_t)> on_progress;
  std::function<bool()> cancelled;
};

// What create_document() needs: a file already on disk (for example an upload
// spooled by the HTTP layer) and its metadata.
struct NewDocument {
  std::filesystem::path file;          // moved into storage (or removed on dedupe/error)
  bool keep_source = false;            // true: copy `file` and leave it in place (sanad index)
  std::string folder_id;
  std::string original_name;           // metadata only, never used as a path
  std::string title;                   // empty: derived from original_name
  std::string category;                // category id or slug; empty: none
  std::optional<std::string> uploader_id;
  std::string source = "upload";
  // When known (the multipart parser computes them); else computed here.
  std::string sha256_hex;
  std::optional<std::uint64_t> size;
};

struct CreatedDocument {
  Document document;
  bool created = false;  // false: the same content already existed in that folder
};

struct DocumentFilter {
  std::optional<std::string> folder_id;
  std::string query;  // case-insensitive substring of the title; empty: all
  int64_t limit = 200;
};

// Ingestion progress as reported to the job: pages_total is 0 when unknown.
struct IngestReport {
  int pages_done = 0;
  int pages_total = 0;
  std::size_t chunks_done = 0;
};

// Hooks for ingest(): progress (may be called often; throttle on your side) and a
// cancellation probe checked between chunks.
struct IngestHooks {
  std::function<void(const IngestReport&)> on_progress;
  std::function<bool()> cancelled;
};

struct FaqImportReport {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::vector<documents::FaqRowError> errors;  // bad rows with line numbers
  std::size_t error_count = 0;
};

class Library {
 public:
  Library(db::Database& db, LibraryOptions options);
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  db::Database& database() { return db_; }
  const LibraryOptions& options() const { return options_; }

  // --- folders (folders.cpp) ---
  // invalid_argument for an empty/over-long name or one with '/'; not_found for an
  // unknown parent; already_exists when a sibling has that name (case-insensitive).
  Result<Folder> create_folder(const std::string& name, const std::optional<std::string>& parent_id,
                               const std::optional<std::string>& created_by = std::nullopt);
  Result<Folder> get_folder(const std::string& id);
  // The root folder called `name` (case-insensitive), created when missing.
  Result<Folder> ensure_root_folder(const std::string& name);
  Result<Folder> rename_folder(const std::string& id, const std::string& name);
  // Moves under `new_parent_id` (nullopt: to the root). invalid_argument when that
  // would make a cycle (the folder itself or one of its descendants).
  Result<Folder> move_folder(const std::string& id, const std::optional<std::string>& new_parent_id);
  // Deletes the folder. failed_precondition when it holds sub-folders, documents or
  // FAQ entries and `recursive` is false; with `recursive`, everything below goes
  // too (documents as by delete_document()).
  Status delete_folder(const std::string& id, bool recursive);
  // Every folder as a forest of root folders.
  Result<std::vector<FolderNode>> folder_tree();

  // --- categories (categories.cpp) ---
  // Creates the default categories that are missing; returns how many it created.
  Result<int> init_default_categories();
  Result<std::vector<Category>> list_categories();

  // --- documents (documents.cpp) ---
  // Detects the type from content (unsupported for anything Sanad cannot extract),
  // dedupes by SHA-256 within the folder, moves the file to
  // upload_dir/<id[0:2]>/<id> and stores the document with status "queued".
  Result<CreatedDocument> create_document(NewDocument input);
  Result<Document> get_document(const std::string& id);
  Result<std::vector<Document>> list_documents(const DocumentFilter& filter);
  // The stored file's absolute path.
  std::filesystem::path stored_file(const Document& document) const;
  // Removes the document, its chunks (with delete events) and its stored file.
  Status delete_document(const std::string& id);
  // Marks the document queued for a new ingestion and records the job that does it.
  Status mark_queued(const std::string& id);
  Status set_job_id(const std::string& id, const std::string& job_id);
  // Replaces a document's stored file with `file` (new content: size, sha256), for
  // `sanad index` when a file changed; the document goes back to "queued".
  Status replace_content(const std::string& id, const std::filesystem::path& file, const std::string& sha256_hex,
                         std::uint64_t size);

  // --- ingestion (ingest.cpp) ---
  // Extracts and chunks the document, then in ONE transaction deletes its previous
  // chunks and inserts the new ones (each with its event) and marks it ready; on an
  // extraction failure marks it failed with a human-readable error and returns it.
  // Idempotent: running it again (after a crash at any point) leaves exactly one set
  // of chunks. not_found when the document no longer exists.
  Status ingest(const std::string& document_id, const IngestHooks& hooks = {});

  // --- vectors (vectors.cpp) ---
  // Computes the embeddings of the chunks in `scope` with the configured embedder and
  // stores them in chunk_vectors, one transaction per batch that also appends an
  // 'insert' event per chunk, so every search index re-reads the chunk with its vector.
  // Returns how many chunks got a vector; failed_precondition without an embedder.
  Result<std::size_t> vectorize(const VectorizeScope& scope, const VectorizeHooks& hooks = {});

  // --- FAQ (faq.cpp) ---
  // Imports a question/answer CSV into `folder_id`, upserting by normalised question.
  Result<FaqImportReport> import_faq_csv(const std::filesystem::path& path, const std::string& folder_id);
  Result<std::vector<FaqItem>> list_faq(const std::optional<std::string>& folder_id);

 private:
  // Deletes chunks (with events) of one document on `conn`.
  static Status delete_chunks(db::Connection& conn, const std::string& document_id);
  Status delete_document_rows(db::Connection& conn, const Document& document);

  db::Database& db_;
  const LibraryOptions options_;
  detail::DetectorPool detectors_;
};

// Takes the chunk-log lock for the rest of the transaction on `c`. Every
// transaction that appends to chunk_events must take it before its first append,
// so that events become visible in sequence order (see documents.cpp).
inline constexpr int64_t kChunkLogLockKey = 0x5341'4e41'4443'4c47;  // "SANADCLG"
Status lock_chunk_log(db::Connection& c);

// The key FAQ entries are deduplicated by: NFKC, lower-cased (Unicode), inner
// whitespace collapsed, surrounding spaces and trailing punctuation dropped.
std::string question_key(std::string_view question);

// Lowercase hex SHA-256 of a file's content; unavailable when it cannot be read.
Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace sanad::library
