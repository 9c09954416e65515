#pragma once
// A database for one test: a SQLite file in a temp dir, or a fresh PostgreSQL
// database created on the throwaway server that scripts/test.sh starts
// (SANAD_TEST_DATABASE_URL) and dropped afterwards.

#include <memory>
#include <string>

#include "temp_dir.h"

namespace sanad::testing {

enum class Backend { kSqlite, kPostgres };

class TestDatabase {
 public:
  // Throws with a clear message when PostgreSQL is asked for but
  // SANAD_TEST_DATABASE_URL is not set or the server cannot be reached.
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  // A directory for everything else the test needs (data dir, uploads).
  const TempDir& dir() const { return dir_; }

 private:
  Backend backend_;
  TempDir dir_;
  std::string url_;
  std::string admin_url_;
  std::string database_name_;
};

}  // namespace sanad::testing
