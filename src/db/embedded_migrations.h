#pragma once
// Internal to the db module: the migration files compiled into the binary (the
// .cpp is generated at build time from migrations/ by embed_migrations.cmake).

#include <cstddef>
#include <vector>

namespace sanad::db {

struct EmbeddedFile {
  const char* dialect;  // "sqlite" or "postgres" (the folder name)
  const char* name;     // "0001_initial.sql"
  const unsigned char* data;
  size_t size;
};

// Immutable; thread-safe.
const std::vector<EmbeddedFile>& embedded_migration_files();

}  // namespace sanad::db
