#pragma once
// Versioned schema migrations. Files migrations/sqlite/NNNN_name.sql and
// migrations/postgres/NNNN_name.sql (same versions and names in both) are embedded
// in the binary at build time, so an installed program needs no source tree.
// Applied migrations are recorded in schema_migrations(version, name, checksum,
// applied_at). Each migration runs in its own transaction (DDL is transactional
// on both dialects), so a failing one leaves the schema as it was. A migration
// file must not contain BEGIN/COMMIT itself. Functions are thread-safe and safe
// to run from several processes at once (PostgreSQL advisory lock, SQLite write
// transaction).

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "db/database.h"

namespace sanad::db {

struct Migration {
  int version = 0;   // NNNN
  std::string name;  // "initial" for 0001_initial.sql
  std::string file;  // "migrations/sqlite/0001_initial.sql", for messages
  std::string sql;
};

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // file names, in order
};

struct MigrationStatus {
  int current_version = 0;           // highest applied version (0: none)
  int latest_version = 0;            // highest version this program knows
  std::vector<std::string> pending;  // file names not applied yet, in order
  bool up_to_date() const { return pending.empty() && current_version <= latest_version; }
};

// The migrations compiled into this program for `dialect`, ordered by version.
std::vector<Migration> embedded_migrations(Dialect dialect);

// Builds a Migration from a file name "NNNN_name.sql" and its text; an
// invalid_argument error when the name does not have that shape.
Result<Migration> make_migration(Dialect dialect, std::string_view file_name, std::string sql);

// Hex FNV-1a 64 of a migration's text (detects edits of applied migrations).
std::string migration_checksum(std::string_view sql);

// Applies the pending migrations (embedded ones by default) in version order.
// Errors: a failing migration (names its file and carries the database's
// message); an applied migration whose checksum differs (names it); a database
// with migrations this program does not know.
Result<MigrationReport> migrate(Database& db);
Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations);

// What migrate() would do, without changing anything (for /health/ready).
Result<MigrationStatus> migration_status(Database& db);
Result<MigrationStatus> migration_status(Database& db, const std::vector<Migration>& migrations);

}  // namespace sanad::db
