#pragma once
// Values exchanged with the database: query parameters and result cells.
// Conventions shared by both dialects (see README.md): times are INTEGER/BIGINT
// milliseconds since the epoch, ids TEXT, booleans INTEGER 0/1, JSON as TEXT.
// Plain value types; thread-safe as any standard value.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace sanad::db {

enum class Dialect { kSqlite, kPostgres };

// "sqlite" or "postgres".
const char* dialect_name(Dialect dialect) noexcept;

// Binary data (SQLite BLOB, PostgreSQL BYTEA); distinct from text on purpose.
struct Blob {
  std::vector<uint8_t> bytes;
  bool operator==(const Blob&) const = default;
};

// A parameter or a cell. std::monostate is SQL NULL. Build parameters with
// `{int64_t{3}, "text", 1.5, nullptr_value}`: plain int literals pick int64_t.
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;

// SQL NULL, for readability in parameter lists.
inline constexpr std::monostate kNull{};

// Positional parameters for `?` placeholders, in order.
using Params = std::vector<Value>;

// A short human-readable rendering (for error messages and tests).
std::string value_debug_string(const Value& value);

}  // namespace sanad::db
