#pragma once
// SQLite implementation of Connection (see connection.h). Internal to the db
// module: use Database::open().

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>

#include "db/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sanad::db {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating if needed) the database file at `path`, creating its parent
  // directory, and sets WAL, busy_timeout, foreign_keys=ON, synchronous=NORMAL.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path,
                                                        std::chrono::milliseconds busy_timeout);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<Rows> query(std::string_view sql, const Params& params = {}) override;
  Result<int64_t> exec(std::string_view sql, const Params& params = {}) override;
  Status exec_script(std::string_view sql) override;
  Status ping() override;
  bool broken() const override { return false; }

 private:
  struct StatementDeleter {
    void operator()(sqlite3_stmt* stmt) const;
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Status error(std::string_view what, int rc);
  // Prepared (cached) statement for `sql` with `params` bound, reset on return.
  Result<sqlite3_stmt*> prepare_and_bind(std::string_view sql, const Params& params);
  // Steps `stmt` to completion, collecting rows into `rows` when non-null.
  Status run(sqlite3_stmt* stmt, std::string_view sql, Rows* rows);

  sqlite3* db_;
  std::unordered_map<std::string, StatementPtr> statements_;
};

}  // namespace sanad::db
