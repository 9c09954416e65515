#include "db/migrate.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/clock.h"
#include "db/embedded_migrations.h"

namespace sanad::db {
namespace {

// pg_advisory_xact_lock key shared by every process migrating the same database.
constexpr int64_t kMigrationLockKey = 0x53414e4144;  // "SANAD"

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

struct Applied {
  std::string name;
  std::string checksum;
};

// Serialises migrators: SQLite's BEGIN IMMEDIATE already holds the write lock;
// PostgreSQL takes a transaction-scoped advisory lock.
Status lock_migrations(Connection& conn) {
  if (conn.dialect() != Dialect::kPostgres) return Status::ok();
  return conn.query("SELECT pg_advisory_xact_lock(?)", {kMigrationLockKey}).status();
}

Result<std::map<int, Applied>> read_applied(Connection& conn) {
  SANAD_ASSIGN_OR_RETURN(Rows rows, conn.query("SELECT version, name, checksum FROM schema_migrations"));
  std::map<int, Applied> applied;
  for (const Row& r : rows) {
    applied[static_cast<int>(r.get_int(0))] = Applied{r.get_string(1), r.get_string(2)};
  }
  return applied;
}

std::string file_name(const Migration& m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d_", m.version);
  return buf + m.name + ".sql";
}

// Checks that what was applied matches `migrations`; fills `status`.
Status compare(const std::map<int, Applied>& applied, const std::vector<Migration>& migrations,
               MigrationStatus& status) {
  status = MigrationStatus{};
  if (!applied.empty()) status.current_version = applied.rbegin()->first;
  for (const Migration& m : migrations) {
    status.latest_version = std::max(status.latest_version, m.version);
    auto it = applied.find(m.version);
    if (it == applied.end()) {
      status.pending.push_back(file_name(m));
    } else if (it->second.checksum != migration_checksum(m.sql)) {
      return failed_precondition("migration " + m.file + " was changed after it was applied (checksum " +
                                 it->second.checksum + " recorded, " + migration_checksum(m.sql) +
                                 " now); restore the file and add a new migration instead");
    }
  }
  return Status::ok();
}

std::vector<Migration> sorted(std::vector<Migration> migrations) {
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return migrations;
}

}  // namespace

std::string migration_checksum(std::string_view sql) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : sql) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<Migration> make_migration(Dialect dialect, std::string_view name, std::string sql) {
  auto bad = [&] {
    return invalid_argument("migration file name '" + std::string(name) + "' is not NNNN_name.sql");
  };
  if (name.size() < 10 || !name.ends_with(".sql") || name[4] != '_') return bad();
  int version = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (name[i] < '0' || name[i] > '9') return bad();
    version = version * 10 + (name[i] - '0');
  }
  if (version == 0) return bad();
  Migration m;
  m.version = version;
  m.name = std::string(name.substr(5, name.size() - 9));
  m.file = std::string("migrations/") + dialect_name(dialect) + "/" + std::string(name);
  m.sql = std::move(sql);
  return m;
}

std::vector<Migration> embedded_migrations(Dialect dialect) {
  std::vector<Migration> out;
  for (const EmbeddedFile& f : embedded_migration_files()) {
    if (std::string_view(f.dialect) != dialect_name(dialect)) continue;
    Result<Migration> m =
        make_migration(dialect, f.name, std::string(reinterpret_cast<const char*>(f.data), f.size));
    // A badly named file is a build-time mistake; the unit tests reject it.
    if (m.is_ok()) out.push_back(std::move(m).value());
  }
  return sorted(std::move(out));
}

Result<MigrationStatus> migration_status(Database& db) {
  return migration_status(db, embedded_migrations(db.dialect()));
}

Result<MigrationStatus> migration_status(Database& db, const std::vector<Migration>& migrations) {
  SANAD_ASSIGN_OR_RETURN(
      Rows exists,
      db.dialect() == Dialect::kSqlite
          ? db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {"schema_migrations"})
          : db.query("SELECT 1 FROM information_schema.tables WHERE table_name = ? "
                     "AND table_schema = current_schema()",
                     {"schema_migrations"}));
  std::map<int, Applied> applied;
  if (!exists.empty()) {
    SANAD_ASSIGN_OR_RETURN(PooledConnection conn, db.acquire());
    SANAD_ASSIGN_OR_RETURN(applied, read_applied(*conn));
  }
  MigrationStatus status;
  SANAD_RETURN_IF_ERROR(compare(applied, sorted(migrations), status));
  return status;
}

Result<MigrationReport> migrate(Database& db) {
  return migrate(db, embedded_migrations(db.dialect()));
}

Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& unsorted) {
  std::vector<Migration> migrations = sorted(unsorted);
  MigrationReport report;
  MigrationStatus status;
  Status checked = db.transaction([&](Connection& conn) -> Status {
    SANAD_RETURN_IF_ERROR(lock_migrations(conn));
    SANAD_RETURN_IF_ERROR(conn.exec_script(kCreateTable));
    SANAD_ASSIGN_OR_RETURN(auto applied, read_applied(conn));
    return compare(applied, migrations, status);
  });
  SANAD_RETURN_IF_ERROR(checked);
  report.from_version = status.current_version;
  report.to_version = status.current_version;
  if (status.current_version > status.latest_version) {
    return failed_precondition("the database schema is at version " + std::to_string(status.current_version) +
                               ", newer than this program knows (" + std::to_string(status.latest_version) +
                               "); upgrade the program");
  }

  for (const Migration& m : migrations) {
    bool ran = false;
    Status s = db.transaction([&](Connection& conn) -> Status {
      ran = false;
      SANAD_RETURN_IF_ERROR(lock_migrations(conn));
      // Another process may have applied it since we looked.
      SANAD_ASSIGN_OR_RETURN(Rows done, conn.query("SELECT checksum FROM schema_migrations WHERE version = ?",
                                                   {static_cast<int64_t>(m.version)}));
      if (!done.empty()) return Status::ok();
      Status applied = conn.exec_script(m.sql);
      if (!applied.is_ok()) {
        return Status(applied.code(), "migration " + m.file + " failed: " + applied.message());
      }
      SANAD_RETURN_IF_ERROR(
          conn.exec("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    {static_cast<int64_t>(m.version), m.name, migration_checksum(m.sql), core::now_ms()})
              .status());
      ran = true;
      return Status::ok();
    });
    SANAD_RETURN_IF_ERROR(s);
    if (ran) report.applied.push_back(file_name(m));
    report.to_version = std::max(report.to_version, m.version);
  }
  return report;
}

}  // namespace sanad::db
