// Documents: stored files under the upload directory and their rows.

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "core/clock.h"
#include "core/ids.h"
#include "core/strings.h"
#include "documents/document_type.h"
#include "library/library.h"
#include "library/row_mapping.h"
#include "library/fold.h"

namespace sanad::library {

namespace {

std::string title_from_name(const std::string& original_name) {
  std::string title = original_name;
  auto dot = title.rfind('.');
  if (dot != std::string::npos && dot > 0) title.resize(dot);
  for (char& ch : title) {
    if (ch == '_') ch = ' ';
  }
  std::string out(core::trim(title));
  return out.empty() ? std::string("Document") : out;
}

void remove_quietly(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

// Places `from` at `to` (creating the directory): a rename when allowed, else a copy
// (and the source removed unless `keep_source`).
Status place_file(const std::filesystem::path& from, const std::filesystem::path& to, bool keep_source) {
  std::error_code ec;
  std::filesystem::create_directories(to.parent_path(), ec);
  if (ec) return unavailable("cannot create the storage directory: " + ec.message());
  if (!keep_source) {
    std::filesystem::rename(from, to, ec);
    if (!ec) return {};
    ec.clear();
  }
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return unavailable("cannot store the file: " + ec.message());
  if (!keep_source) remove_quietly(from);
  return {};
}

Result<std::optional<std::string>> resolve_category(db::Database& db, const std::string& category) {
  if (category.empty()) return std::optional<std::string>();
  SANAD_ASSIGN_OR_RETURN(auto rows, db.query("SELECT id FROM categories WHERE id = ? OR slug = ?", {category, category}));
  if (rows.empty()) return invalid_argument("unknown category '" + category + "'");
  return std::optional<std::string>(rows.front().get_string("id"));
}

db::Value opt_value(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(db::kNull); }

}  // namespace

Library::Library(db::Database& db, LibraryOptions options) : db_(db), options_(std::move(options)) {}

Result<std::string> sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unavailable("cannot read " + path.string());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return internal_error("SHA-256 unavailable");
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return unavailable("error reading " + path.string());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

std::filesystem::path Library::stored_file(const Document& document) const {
  return options_.upload_dir / document.storage_path;
}

Result<CreatedDocument> Library::create_document(NewDocument in) {
  // Whatever happens, an upload's temporary file does not outlive this call.
  struct Cleanup {
    const NewDocument& in;
    bool armed = true;
    ~Cleanup() {
      if (armed && !in.keep_source) remove_quietly(in.file);
    }
  } cleanup{in};

  SANAD_ASSIGN_OR_RETURN(Folder folder, get_folder(in.folder_id));
  SANAD_ASSIGN_OR_RETURN(auto detector, detectors_.acquire());
  SANAD_ASSIGN_OR_RETURN(documents::DocumentType type, detector->detect(in.file, in.original_name));
  if (type == documents::DocumentType::kCsv) {
    return unsupported("CSV files are imported as FAQ entries (POST /api/faq/import), not as documents");
  }
  if (in.sha256_hex.empty()) {
    SANAD_ASSIGN_OR_RETURN(in.sha256_hex, sha256_file(in.file));
  }
  if (!in.size) {
    std::error_code ec;
    auto size = std::filesystem::file_size(in.file, ec);
    if (ec) return unavailable("cannot read the file size: " + ec.message());
    in.size = size;
  }
  SANAD_ASSIGN_OR_RETURN(auto category_id, resolve_category(db_, in.category));

  auto find_existing = [&]() -> Result<std::optional<Document>> {
    SANAD_ASSIGN_OR_RETURN(auto rows, db_.query(std::string("SELECT ") + detail::kDocumentColumns +
                                                    " FROM documents WHERE folder_id = ? AND sha256 = ?",
                                                {folder.id, in.sha256_hex}));
    if (rows.empty()) return std::optional<Document>();
    return std::optional<Document>(detail::document_from_row(rows.front()));
  };
  SANAD_ASSIGN_OR_RETURN(auto existing, find_existing());
  if (existing) return CreatedDocument{std::move(*existing), false};

  Document d;
  d.id = core::new_id();
  d.folder_id = folder.id;
  d.title = in.title.empty() ? title_from_name(in.original_name) : std::string(core::trim(in.title));
  d.category_id = category_id;
  d.source = in.source;
  d.original_name = in.original_name;
  d.mime_type = std::string(documents::document_mime_type(type));
  d.uploader_id = in.uploader_id;
  d.size_bytes = static_cast<int64_t>(*in.size);
  d.sha256 = in.sha256_hex;
  d.storage_path = d.id.substr(0, 2) + "/" + d.id;
  d.status = "queued";
  d.created_at = d.updated_at = core::now_ms();

  SANAD_RETURN_IF_ERROR(place_file(in.file, stored_file(d), in.keep_source));
  cleanup.armed = false;
  auto inserted = db_.exec(
      "INSERT INTO documents (id, folder_id, title, category_id, language, tags, source, original_name, mime_type, "
      "uploader_id, size_bytes, sha256, storage_path, pages, chunk_count, status, error, job_id, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, '', '[]', ?, ?, ?, ?, ?, ?, ?, 0, 0, 'queued', NULL, NULL, ?, ?)",
      {d.id, d.folder_id, d.title, opt_value(d.category_id), d.source, d.original_name, d.mime_type,
       opt_value(d.uploader_id), d.size_bytes, d.sha256, d.storage_path, d.created_at, d.updated_at});
  if (!inserted) {
    remove_quietly(stored_file(d));
    // Lost a race with the same content: return the winner.
    auto again = find_existing();
    if (again && *again) return CreatedDocument{std::move(**again), false};
    return inserted.status();
  }
  return CreatedDocument{std::move(d), true};
}

Result<Document> Library::get_document(const std::string& id) {
  SANAD_ASSIGN_OR_RETURN(auto rows,
                         db_.query(std::string("SELECT ") + detail::kDocumentColumns + " FROM documents WHERE id = ?", {id}));
  if (rows.empty()) return not_found("no document " + id);
  return detail::document_from_row(rows.front());
}

Result<std::vector<Document>> Library::list_documents(const DocumentFilter& filter) {
  // The title filter folds case with ICU (SQLite's lower() is ASCII-only), so it
  // runs here, on the folder's documents, rather than in SQL.
  const std::string needle = filter.query.empty() ? std::string() : detail::fold_case(filter.query);
  const std::string sql = std::string("SELECT ") + detail::kDocumentColumns +
                          " FROM documents WHERE (? = 0 OR folder_id = ?) ORDER BY created_at DESC, id LIMIT ?";
  SANAD_ASSIGN_OR_RETURN(auto rows, db_.query(sql, {int64_t{filter.folder_id ? 1 : 0}, filter.folder_id.value_or(""),
                                                    needle.empty() ? filter.limit : INT64_MAX}));
  std::vector<Document> out;
  for (const auto& r : rows) {
    if (static_cast<int64_t>(out.size()) >= filter.limit) break;
    if (!needle.empty() && detail::fold_case(r.get_string("title")).find(needle) == std::string::npos) continue;
    out.push_back(detail::document_from_row(r));
  }
  return out;
}

Status lock_chunk_log(db::Connection& c) {
  // On PostgreSQL, sequence values are handed out at INSERT but become visible at
  // COMMIT, so without this a reader could see seq 11 before seq 10 commits and skip
  // 10 for ever. Holding one transaction lock from before the first event until the
  // commit makes the visible order the sequence order. SQLite has one writer anyway.
  if (c.dialect() != db::Dialect::kPostgres) return {};
  return c.query("SELECT pg_advisory_xact_lock(?)", {kChunkLogLockKey}).status();
}

Status Library::delete_chunks(db::Connection& c, const std::string& document_id) {
  SANAD_RETURN_IF_ERROR(lock_chunk_log(c));
  int64_t now = core::now_ms();
  SANAD_RETURN_IF_ERROR(c.exec("INSERT INTO chunk_events (op, chunk_id, document_id, created_at) "
                               "SELECT 'delete', id, document_id, ? FROM chunks WHERE document_id = ? ORDER BY ordinal",
                               {now, document_id})
                            .status());
  return c.exec("DELETE FROM chunks WHERE document_id = ?", {document_id}).status();
}

Status Library::delete_document_rows(db::Connection& c, const Document& d) {
  SANAD_RETURN_IF_ERROR(delete_chunks(c, d.id));
  return c.exec("DELETE FROM documents WHERE id = ?", {d.id}).status();
}

Status Library::delete_document(const std::string& id) {
  SANAD_ASSIGN_OR_RETURN(Document d, get_document(id));
  SANAD_RETURN_IF_ERROR(db_.transaction([&](db::Connection& c) { return delete_document_rows(c, d); }));
  remove_quietly(stored_file(d));
  return {};
}

Status Library::mark_queued(const std::string& id) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("UPDATE documents SET status = 'queued', error = NULL, updated_at = ? "
                                             "WHERE id = ?",
                                             {core::now_ms(), id}));
  return n == 0 ? not_found("no document " + id) : Status::ok();
}

Status Library::set_job_id(const std::string& id, const std::string& job_id) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("UPDATE documents SET job_id = ?, updated_at = ? WHERE id = ?",
                                             {job_id, core::now_ms(), id}));
  return n == 0 ? not_found("no document " + id) : Status::ok();
}

Status Library::replace_content(const std::string& id, const std::filesystem::path& file, const std::string& sha256_hex,
                                std::uint64_t size) {
  SANAD_ASSIGN_OR_RETURN(Document d, get_document(id));
  // Write next to the stored file, then rename over it: never a half-written file.
  std::filesystem::path target = stored_file(d);
  std::filesystem::path temp = target;
  temp += ".new";
  SANAD_RETURN_IF_ERROR(place_file(file, temp, true));
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    remove_quietly(temp);
    return unavailable("cannot store the file: " + ec.message());
  }
  auto n = db_.exec("UPDATE documents SET sha256 = ?, size_bytes = ?, status = 'queued', error = NULL, updated_at = ? "
                    "WHERE id = ?",
                    {sha256_hex, static_cast<int64_t>(size), core::now_ms(), id});
  return n.status();
}

}  // namespace sanad::library
