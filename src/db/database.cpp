#include "db/database.h"

#include <algorithm>
#include <utility>

#include "db/postgres_connection.h"
#include "db/sqlite_connection.h"

namespace sanad::db {

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), conn_(std::move(other.conn_)) {}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
  if (this != &other) {
    release();
    db_ = std::exchange(other.db_, nullptr);
    conn_ = std::move(other.conn_);
  }
  return *this;
}

PooledConnection::~PooledConnection() {
  release();
}

void PooledConnection::release() {
  if (db_ != nullptr && conn_ != nullptr) db_->give_back(std::move(conn_));
  db_ = nullptr;
}

Database::Database(const core::DatabaseConfig& config, DatabaseOptions options, Dialect dialect)
    : config_(config), options_(options), dialect_(dialect) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const core::DatabaseConfig& config,
                                                 DatabaseOptions options) {
  Dialect dialect;
  if (config.is_postgres()) {
    dialect = Dialect::kPostgres;
  } else if (config.url.starts_with("sqlite:")) {
    dialect = Dialect::kSqlite;
  } else {
    return invalid_argument("DATABASE_URL must start with sqlite:// or postgresql://");
  }
  core::DatabaseConfig effective = config;
  if (effective.pool_size == 0) effective.pool_size = 1;
  std::unique_ptr<Database> db(new Database(effective, options, dialect));
  SANAD_ASSIGN_OR_RETURN(auto first, db->connect());
  std::lock_guard lock(db->mutex_);
  db->idle_.push_back(std::move(first));
  db->open_ = 1;
  return db;
}

Result<std::unique_ptr<Connection>> Database::connect() {
  if (dialect_ == Dialect::kPostgres) {
    SANAD_ASSIGN_OR_RETURN(auto conn, PostgresConnection::open(config_.url));
    return std::unique_ptr<Connection>(std::move(conn));
  }
  SANAD_ASSIGN_OR_RETURN(auto conn, SqliteConnection::open(config_.sqlite_path(), config_.busy_timeout));
  return std::unique_ptr<Connection>(std::move(conn));
}

Result<PooledConnection> Database::acquire() {
  return acquire(options_.acquire_timeout);
}

Result<PooledConnection> Database::acquire(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  ++waiting_;
  bool ready =
      available_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < config_.pool_size; });
  --waiting_;
  if (!ready) {
    ++acquire_timeouts_;
    return unavailable("no database connection free after " + std::to_string(timeout.count()) +
                       " ms (pool of " + std::to_string(config_.pool_size) + ")");
  }
  if (!idle_.empty()) {
    std::unique_ptr<Connection> conn = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    ++total_acquired_;
    return PooledConnection(this, std::move(conn));
  }
  // Open a new connection outside the lock; the slot is reserved by open_.
  ++open_;
  lock.unlock();
  Result<std::unique_ptr<Connection>> conn = connect();
  lock.lock();
  if (!conn.is_ok()) {
    --open_;
    available_.notify_one();
    return conn.status();
  }
  ++in_use_;
  ++total_acquired_;
  return PooledConnection(this, std::move(conn).value());
}

void Database::give_back(std::unique_ptr<Connection> conn) {
  bool broken = conn->broken();
  if (broken) conn.reset();  // close outside the lock
  std::lock_guard lock(mutex_);
  --in_use_;
  if (broken) {
    --open_;
  } else {
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

PoolStats Database::stats() const {
  std::lock_guard lock(mutex_);
  PoolStats s;
  s.size = config_.pool_size;
  s.open = open_;
  s.in_use = in_use_;
  s.waiting = waiting_;
  s.total_acquired = total_acquired_;
  s.acquire_timeouts = acquire_timeouts_;
  return s;
}

Status Database::ping() {
  SANAD_ASSIGN_OR_RETURN(PooledConnection conn, acquire());
  return conn->ping();
}

Result<Rows> Database::query(std::string_view sql, const Params& params) {
  SANAD_ASSIGN_OR_RETURN(PooledConnection conn, acquire());
  return conn->query(sql, params);
}

Result<int64_t> Database::exec(std::string_view sql, const Params& params) {
  SANAD_ASSIGN_OR_RETURN(PooledConnection conn, acquire());
  return conn->exec(sql, params);
}

namespace {

// Rolls back unless finished explicitly, including during exception unwinding.
class TxGuard {
 public:
  explicit TxGuard(Connection& conn) : conn_(conn) {}
  ~TxGuard() {
    if (!done_) (void)conn_.exec_script("ROLLBACK");
  }
  TxGuard(const TxGuard&) = delete;
  TxGuard& operator=(const TxGuard&) = delete;
  void done() { done_ = true; }

 private:
  Connection& conn_;
  bool done_ = false;
};

}  // namespace

Database::TxOutcome Database::transaction_once(Connection& conn, const std::function<Status(Connection&)>& fn,
                                               TxMode mode) {
  const char* begin = (dialect_ == Dialect::kSqlite && mode == TxMode::kWrite) ? "BEGIN IMMEDIATE" : "BEGIN";
  Status status = conn.exec_script(begin);
  if (!status.is_ok()) return {status, conn.last_error_retryable()};
  TxGuard guard(conn);
  status = fn(conn);
  if (!status.is_ok()) {
    // Read the flag of the failing statement before ROLLBACK resets it.
    bool retryable = conn.last_error_retryable();
    guard.done();
    (void)conn.exec_script("ROLLBACK");
    return {status, retryable};
  }
  guard.done();
  status = conn.exec_script("COMMIT");
  if (!status.is_ok()) {
    bool retryable = conn.last_error_retryable();
    (void)conn.exec_script("ROLLBACK");
    return {status, retryable};
  }
  return {Status::ok(), false};
}

Status Database::transaction(const std::function<Status(Connection&)>& fn, TxMode mode) {
  SANAD_ASSIGN_OR_RETURN(PooledConnection conn, acquire());
  for (int attempt = 0;; ++attempt) {
    TxOutcome outcome = transaction_once(*conn, fn, mode);
    if (outcome.status.is_ok() || !outcome.retryable || conn->broken() ||
        attempt >= options_.max_transaction_retries) {
      return outcome.status;
    }
  }
}

}  // namespace sanad::db
