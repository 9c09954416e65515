#include "db/sqlite_connection.h"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

namespace sanad::db {
namespace {

std::string sql_excerpt(std::string_view sql) {
  constexpr size_t kMax = 160;
  std::string s(sql.substr(0, kMax));
  if (sql.size() > kMax) s += "...";
  return s;
}

}  // namespace

void SqliteConnection::StatementDeleter::operator()(sqlite3_stmt* stmt) const {
  sqlite3_finalize(stmt);
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path,
                                                                 std::chrono::milliseconds busy_timeout) {
  if (path.empty()) return invalid_argument("DATABASE_URL: the sqlite URL has no file path");
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return unavailable("cannot create the directory " + parent.string() + ": " + ec.message());
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close_v2(raw);
    return unavailable("cannot open the SQLite database " + path + ": " + message);
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(raw));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
  // journal_mode returns a row, so it goes through query().
  SANAD_ASSIGN_OR_RETURN(Rows mode, conn->query("PRAGMA journal_mode=WAL"));
  if (mode.empty() || mode[0].get_string(0) != "wal") {
    return unavailable("cannot switch the SQLite database " + path + " to WAL mode");
  }
  SANAD_RETURN_IF_ERROR(conn->exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"));
  return conn;
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalize before closing
  sqlite3_close_v2(db_);
}

Status SqliteConnection::error(std::string_view what, int rc) {
  int primary = rc & 0xff;
  last_error_retryable_ = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  std::string message = std::string("sqlite: ") + sqlite3_errmsg(db_) + " (" + std::string(what) + ")";
  if (last_error_retryable_) return unavailable(std::move(message));
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return already_exists(std::move(message));
  }
  if (primary == SQLITE_CONSTRAINT) return invalid_argument(std::move(message));
  return internal_error(std::move(message));
}

Result<sqlite3_stmt*> SqliteConnection::prepare_and_bind(std::string_view sql, const Params& params) {
  last_error_retryable_ = false;
  std::string key(sql);
  auto it = statements_.find(key);
  if (it == statements_.end()) {
    // SQL built with inlined values would grow the cache without bound.
    if (statements_.size() >= kMaxCachedStatements) statements_.clear();
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                &raw, &tail);
    if (rc != SQLITE_OK) return error("preparing: " + sql_excerpt(sql), rc);
    StatementPtr stmt(raw);
    if (raw == nullptr) return invalid_argument("empty SQL statement");
    std::string_view rest(tail, static_cast<size_t>(key.data() + key.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      return invalid_argument("query/exec take one statement; use exec_script for several: " +
                              sql_excerpt(sql));
    }
    it = statements_.emplace(std::move(key), std::move(stmt)).first;
  }
  sqlite3_stmt* stmt = it->second.get();
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    return invalid_argument("statement expects " + std::to_string(expected) + " parameters, got " +
                            std::to_string(params.size()) + ": " + sql_excerpt(sql));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    const Value& v = params[i];
    switch (v.index()) {
      case 0: rc = sqlite3_bind_null(stmt, idx); break;
      case 1: rc = sqlite3_bind_int64(stmt, idx, std::get<int64_t>(v)); break;
      case 2: rc = sqlite3_bind_double(stmt, idx, std::get<double>(v)); break;
      case 3: {
        const std::string& s = std::get<std::string>(v);
        rc = sqlite3_bind_text64(stmt, idx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      }
      default: {
        const Blob& b = std::get<Blob>(v);
        rc = sqlite3_bind_blob64(stmt, idx, b.bytes.data(), b.bytes.size(), SQLITE_TRANSIENT);
        break;
      }
    }
    if (rc != SQLITE_OK) {
      sqlite3_clear_bindings(stmt);
      return error("binding parameter " + std::to_string(idx), rc);
    }
  }
  return stmt;
}

Status SqliteConnection::run(sqlite3_stmt* stmt, std::string_view sql, Rows* rows) {
  std::shared_ptr<Columns> columns;
  int ncols = sqlite3_column_count(stmt);
  if (rows != nullptr) {
    columns = std::make_shared<Columns>();
    for (int c = 0; c < ncols; ++c) columns->emplace_back(sqlite3_column_name(stmt, c));
    *rows = Rows(columns);
  }
  Status status;
  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      status = error(sql_excerpt(sql), rc);
      break;
    }
    if (rows == nullptr) continue;
    std::vector<Value> values;
    values.reserve(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER: values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
        case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, c)); break;
        case SQLITE_TEXT: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          values.emplace_back(std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
          break;
        }
        case SQLITE_BLOB: {
          const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt, c));
          Blob blob;
          blob.bytes.assign(data, data + sqlite3_column_bytes(stmt, c));
          values.emplace_back(std::move(blob));
          break;
        }
        default: values.emplace_back(std::monostate{}); break;
      }
    }
    rows->add(std::move(values));
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return status;
}

Result<Rows> SqliteConnection::query(std::string_view sql, const Params& params) {
  SANAD_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, prepare_and_bind(sql, params));
  Rows rows;
  SANAD_RETURN_IF_ERROR(run(stmt, sql, &rows));
  return rows;
}

Result<int64_t> SqliteConnection::exec(std::string_view sql, const Params& params) {
  SANAD_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, prepare_and_bind(sql, params));
  SANAD_RETURN_IF_ERROR(run(stmt, sql, nullptr));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::exec_script(std::string_view sql) {
  last_error_retryable_ = false;
  std::string script(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    return error(sql_excerpt(sql), rc);
  }
  return Status::ok();
}

Status SqliteConnection::ping() {
  return query("SELECT 1").status();
}

}  // namespace sanad::db
