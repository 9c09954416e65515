#pragma once
// PostgreSQL implementation of Connection over libpq (see connection.h).
// Internal to the db module: use Database::open().

#include <memory>
#include <string>
#include <unordered_map>

#include "db/connection.h"

struct pg_conn;
struct pg_result;

namespace sanad::db {

class PostgresConnection final : public Connection {
 public:
  // Connects to `url` (postgresql://...). The error names the host, port and
  // database, never the password.
  static Result<std::unique_ptr<PostgresConnection>> open(const std::string& url);
  ~PostgresConnection() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<Rows> query(std::string_view sql, const Params& params = {}) override;
  Result<int64_t> exec(std::string_view sql, const Params& params = {}) override;
  Status exec_script(std::string_view sql) override;
  Status ping() override;
  bool broken() const override;

 private:
  struct ResultDeleter {
    void operator()(pg_result* result) const;
  };
  using ResultPtr = std::unique_ptr<pg_result, ResultDeleter>;

  explicit PostgresConnection(pg_conn* conn) : conn_(conn) {}
  // Prepares (once per connection) and executes `sql` with `params`.
  Result<ResultPtr> execute(std::string_view sql, const Params& params);
  Status error(std::string_view sql, const pg_result* result);

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> statement_names_;  // SQL -> name
  size_t next_statement_ = 0;
};

}  // namespace sanad::db
