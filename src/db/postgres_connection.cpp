#include "db/postgres_connection.h"

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/strings.h"
#include "db/placeholders.h"

namespace sanad::db {
namespace {

// PostgreSQL type OIDs (pg_type.h) that map to non-text values.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

std::string sql_excerpt(std::string_view sql) {
  constexpr size_t kMax = 160;
  std::string s(sql.substr(0, kMax));
  if (sql.size() > kMax) s += "...";
  return s;
}

void ignore_notice(void*, const char*) {}

// The password in a postgresql:// URL's userinfo, or "".
std::string password_in(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  size_t start = scheme + 3;
  size_t at = url.rfind('@');
  if (at == std::string_view::npos || at < start) return "";
  std::string_view userinfo = url.substr(start, at - start);
  size_t colon = userinfo.find(':');
  return colon == std::string_view::npos ? "" : std::string(userinfo.substr(colon + 1));
}

// libpq may echo parts of a malformed connection string (a bad %-escape in the
// password, for one): never let the password reach a message.
std::string redact(std::string message, std::string_view url) {
  std::string password = password_in(url);
  if (password.empty()) return message;
  for (size_t pos = message.find(password); pos != std::string::npos; pos = message.find(password, pos + 3)) {
    message.replace(pos, password.size(), "***");
  }
  return message;
}

Value cell_value(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return std::monostate{};
  const char* text = PQgetvalue(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return std::strtod(text, nullptr);
    case kBoolOid: return static_cast<int64_t>(text[0] == 't' ? 1 : 0);
    case kByteaOid: {
      size_t len = 0;
      unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &len);
      Blob blob;
      if (raw != nullptr) {
        blob.bytes.assign(raw, raw + len);
        PQfreemem(raw);
      }
      return blob;
    }
    default: return std::string(text, static_cast<size_t>(PQgetlength(res, row, col)));
  }
}

Rows to_rows(const PGresult* res) {
  auto columns = std::make_shared<Columns>();
  int ncols = PQnfields(res);
  for (int c = 0; c < ncols; ++c) columns->emplace_back(PQfname(res, c));
  Rows rows(columns);
  int nrows = PQntuples(res);
  for (int r = 0; r < nrows; ++r) {
    std::vector<Value> values;
    values.reserve(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) values.push_back(cell_value(res, r, c));
    rows.add(std::move(values));
  }
  return rows;
}

}  // namespace

void PostgresConnection::ResultDeleter::operator()(pg_result* result) const {
  PQclear(result);
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(const std::string& url) {
  PGconn* raw = PQconnectdb(url.c_str());
  if (raw == nullptr) return unavailable("cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PostgresConnection> conn(new PostgresConnection(raw));
  if (PQstatus(raw) != CONNECTION_OK) {
    auto show = [](const char* s) { return std::string(s != nullptr && *s != '\0' ? s : "?"); };
    // libpq's message names the server, never the password.
    std::string detail = redact(std::string(core::trim(PQerrorMessage(raw))), url);
    return unavailable("cannot connect to PostgreSQL database '" + show(PQdb(raw)) + "' on " +
                       show(PQhost(raw)) + ":" + show(PQport(raw)) + " as '" + show(PQuser(raw)) +
                       "': " + detail);
  }
  PQsetNoticeProcessor(raw, ignore_notice, nullptr);
  if (PQsetClientEncoding(raw, "UTF8") != 0) {
    return unavailable("PostgreSQL: cannot set client_encoding to UTF8");
  }
  return conn;
}

PostgresConnection::~PostgresConnection() {
  PQfinish(conn_);
}

bool PostgresConnection::broken() const {
  return PQstatus(conn_) != CONNECTION_OK;
}

Status PostgresConnection::error(std::string_view sql, const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state != nullptr ? state : "";
  std::string text(core::trim(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_)));
  if (text.empty()) text = core::trim(PQerrorMessage(conn_));
  std::string message = "postgres: " + text + " (" + sql_excerpt(sql) + ")";
  last_error_retryable_ = sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03";
  if (last_error_retryable_) return unavailable(std::move(message));
  if (broken() || sqlstate.starts_with("08")) return unavailable(std::move(message));
  if (sqlstate == "23505") return already_exists(std::move(message));
  if (sqlstate.starts_with("23") || sqlstate.starts_with("22")) return invalid_argument(std::move(message));
  return internal_error(std::move(message));
}

Result<PostgresConnection::ResultPtr> PostgresConnection::execute(std::string_view sql,
                                                                  const Params& params) {
  last_error_retryable_ = false;
  std::string key(sql);
  size_t expected = count_placeholders(sql);
  if (expected != params.size()) {
    return invalid_argument("statement expects " + std::to_string(expected) + " parameters, got " +
                            std::to_string(params.size()) + ": " + sql_excerpt(sql));
  }
  auto it = statement_names_.find(key);
  if (it == statement_names_.end()) {
    // SQL built with inlined values would grow the cache without bound. Names
    // are never reused, so a failed DEALLOCATE cannot cause a clash.
    if (statement_names_.size() >= kMaxCachedStatements) {
      PQclear(PQexec(conn_, "DEALLOCATE ALL"));
      statement_names_.clear();
    }
    std::string name = "sanad_s" + std::to_string(++next_statement_);
    std::string translated = translate_placeholders(sql);
    ResultPtr prepared(PQprepare(conn_, name.c_str(), translated.c_str(), 0, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return error(sql, prepared.get());
    it = statement_names_.emplace(std::move(key), std::move(name)).first;
  }

  // Text parameters with unspecified types (the server infers them), blobs binary.
  std::vector<std::string> text(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    switch (v.index()) {
      case 0: break;
      case 1: text[i] = std::to_string(std::get<int64_t>(v)); break;
      case 2: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", std::get<double>(v));
        text[i] = buf;
        break;
      }
      case 3: text[i] = std::get<std::string>(v); break;
      default: break;
    }
    if (v.index() == 4) {
      const Blob& b = std::get<Blob>(v);
      values[i] = reinterpret_cast<const char*>(b.bytes.data());
      lengths[i] = static_cast<int>(b.bytes.size());
      formats[i] = 1;
    } else if (v.index() != 0) {
      values[i] = text[i].c_str();
      lengths[i] = static_cast<int>(text[i].size());
    }
  }
  ResultPtr res(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                               lengths.data(), formats.data(), 0));
  ExecStatusType st = PQresultStatus(res.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    const char* state = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE);
    if (state != nullptr && std::strcmp(state, "0A000") == 0) {
      // "cached plan must not change result type" after a schema change: forget
      // the statement so the next call prepares it again.
      std::string drop = "DEALLOCATE " + it->second;
      PQclear(PQexec(conn_, drop.c_str()));
      statement_names_.erase(it);
    }
    return error(sql, res.get());
  }
  return res;
}

Result<Rows> PostgresConnection::query(std::string_view sql, const Params& params) {
  SANAD_ASSIGN_OR_RETURN(ResultPtr res, execute(sql, params));
  return to_rows(res.get());
}

Result<int64_t> PostgresConnection::exec(std::string_view sql, const Params& params) {
  SANAD_ASSIGN_OR_RETURN(ResultPtr res, execute(sql, params));
  const char* n = PQcmdTuples(res.get());
  return static_cast<int64_t>(n != nullptr && *n != '\0' ? std::strtoll(n, nullptr, 10) : 0);
}

Status PostgresConnection::exec_script(std::string_view sql) {
  last_error_retryable_ = false;
  std::string script(sql);
  ResultPtr res(PQexec(conn_, script.c_str()));
  ExecStatusType st = PQresultStatus(res.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
    return error(sql, res.get());
  }
  return Status::ok();
}

Status PostgresConnection::ping() {
  return query("SELECT 1").status();
}

}  // namespace sanad::db
