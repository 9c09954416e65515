#pragma once
// Database: the process's handle on SQLite or PostgreSQL (chosen by the URL in
// core::DatabaseConfig), with a pool of Connections. Built once in main and
// passed by reference. All public member functions are thread-safe.
//
//   auto db = Database::open(config.database);          // Result<unique_ptr<Database>>
//   auto rows = (*db)->query("SELECT id, name FROM users WHERE role = ?", {"admin"});
//   for (const Row& r : *rows) use(r.get_string("id"), r.opt_string("name"));
//   Status s = (*db)->transaction([&](Connection& c) -> Status {
//     SANAD_ASSIGN_OR_RETURN(int64_t n, c.exec("UPDATE ...", {...}));
//     return Status::ok();
//   });
//
// SQL is written once with `?` placeholders for both dialects; where it must
// differ, branch on dialect(). Conventions: times are INTEGER/BIGINT milliseconds
// since the epoch, ids TEXT, booleans INTEGER 0/1, JSON TEXT (see README.md).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "db/connection.h"

namespace sanad::db {

// Pool figures for /metrics.
struct PoolStats {
  unsigned size = 0;              // connections the pool may hold (pool_size)
  unsigned open = 0;              // connections currently open
  unsigned in_use = 0;            // connections lent out right now
  unsigned waiting = 0;           // threads waiting for a connection
  uint64_t total_acquired = 0;    // connections lent out since open
  uint64_t acquire_timeouts = 0;  // acquisitions that gave up
};

struct DatabaseOptions {
  // How long acquire() (and so query/exec/transaction) waits for a free connection.
  std::chrono::milliseconds acquire_timeout{5000};
  // How many times transaction() runs the function again after a lock conflict or
  // serialization failure (SQLITE_BUSY, SQLSTATE 40001/40P01).
  int max_transaction_retries = 3;
};

enum class TxMode {
  kRead,   // SQLite: BEGIN (deferred); PostgreSQL: BEGIN
  kWrite,  // SQLite: BEGIN IMMEDIATE (takes the write lock at once, so no lock-upgrade
           // deadlock); PostgreSQL: BEGIN
};

class Database;

// A connection borrowed from the pool; returns it on destruction. Move-only.
// Not thread-safe (like the Connection it lends).
class PooledConnection {
 public:
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&& other) noexcept;
  PooledConnection(const PooledConnection&) = delete;
  PooledConnection& operator=(const PooledConnection&) = delete;
  ~PooledConnection();

  Connection& operator*() const { return *conn_; }
  Connection* operator->() const { return conn_.get(); }

 private:
  friend class Database;
  PooledConnection(Database* db, std::unique_ptr<Connection> conn) : db_(db), conn_(std::move(conn)) {}
  void release();

  Database* db_ = nullptr;
  std::unique_ptr<Connection> conn_;
};

class Database {
 public:
  // Opens the database named by config.url (sqlite://path or postgresql://...) and
  // checks that one connection works. SQLite: creates the parent directory, WAL,
  // busy_timeout, foreign_keys=ON, synchronous=NORMAL. Further connections are
  // opened on demand up to config.pool_size. The Database must outlive every
  // PooledConnection it lends.
  static Result<std::unique_ptr<Database>> open(const core::DatabaseConfig& config,
                                                DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }

  // A round trip on a pooled connection.
  Status ping();
  PoolStats stats() const;

  // Borrows a connection, waiting up to `timeout` (options.acquire_timeout by
  // default); unavailable when none frees up in time.
  Result<PooledConnection> acquire();
  Result<PooledConnection> acquire(std::chrono::milliseconds timeout);

  // One statement on a borrowed connection (auto-commit). See Connection.
  Result<Rows> query(std::string_view sql, const Params& params = {});
  Result<int64_t> exec(std::string_view sql, const Params& params = {});

  // Runs `fn` inside a transaction on one connection: commits when it returns OK,
  // rolls back when it returns an error or throws (the exception propagates).
  // After a lock conflict or serialization failure the whole transaction is run
  // again (up to options.max_transaction_retries), so `fn` may be called more than
  // once and must only have effects through the connection it is given.
  Status transaction(const std::function<Status(Connection&)>& fn, TxMode mode = TxMode::kWrite);

 private:
  friend class PooledConnection;
  Database(const core::DatabaseConfig& config, DatabaseOptions options, Dialect dialect);
  Result<std::unique_ptr<Connection>> connect();
  void give_back(std::unique_ptr<Connection> conn);
  struct TxOutcome {
    Status status;
    bool retryable;  // the failure was a lock conflict / serialization failure
  };
  TxOutcome transaction_once(Connection& conn, const std::function<Status(Connection&)>& fn, TxMode mode);

  const core::DatabaseConfig config_;
  const DatabaseOptions options_;
  const Dialect dialect_;

  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  unsigned open_ = 0;  // idle + lent + being opened
  unsigned in_use_ = 0;
  unsigned waiting_ = 0;
  uint64_t total_acquired_ = 0;
  uint64_t acquire_timeouts_ = 0;
};

}  // namespace sanad::db
