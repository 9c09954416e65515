#pragma once
// One open database session (SQLite handle or PostgreSQL connection) behind a
// dialect-neutral interface. A Connection is NOT thread-safe: it is used by one
// thread at a time, normally borrowed from Database's pool (see database.h).
// Prepared statements are cached per connection, keyed by the SQL text.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "db/rows.h"
#include "db/value.h"

namespace sanad::db {

class Connection {
 public:
  // Prepared statements kept per connection; the cache is emptied when full.
  static constexpr size_t kMaxCachedStatements = 256;

  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Dialect dialect() const = 0;

  // Runs one statement with `?` placeholders bound to `params` and returns its
  // rows (empty for statements that return none). The parameter count must match.
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;

  // Runs one statement and returns the number of rows it changed.
  virtual Result<int64_t> exec(std::string_view sql, const Params& params = {}) = 0;

  // Runs a script of several `;`-separated statements without parameters and
  // without caching (used by migrations and transaction control).
  virtual Status exec_script(std::string_view sql) = 0;

  // A trivial round trip; unavailable when the session is gone.
  virtual Status ping() = 0;

  // True when the session can no longer be used (the pool then discards it).
  virtual bool broken() const = 0;

  // True when the last failure was a lock conflict / serialization failure that a
  // retry of the whole transaction may cure (SQLITE_BUSY, SQLSTATE 40001/40P01).
  bool last_error_retryable() const { return last_error_retryable_; }

 protected:
  Connection() = default;
  bool last_error_retryable_ = false;
};

}  // namespace sanad::db
