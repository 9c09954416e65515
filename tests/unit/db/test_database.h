#pragma once
// Test support shared by the db and jobs tests: RAII temporary directories and a
// fresh, empty database per test on either backend. Tests are parametrised over
// Backend; which backends an executable instantiates comes from
// test_backends() (backends_sqlite.cpp or backends_postgres.cpp).

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "db/database.h"

namespace sanad::db::testing {

enum class Backend { kSqlite, kPostgres };

// The backends this test executable runs (defined once per executable).
std::vector<Backend> test_backends();
// For INSTANTIATE_TEST_SUITE_P: "sqlite" / "postgres".
std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info);
// gtest printer, so test names read "... # GetParam() = sqlite".
void PrintTo(Backend backend, std::ostream* os);

// A directory made by mkdtemp, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// SANAD_TEST_DATABASE_URL, or "" when unset.
std::string postgres_test_url();

// An empty database for one test. SQLite: a file in a temporary directory.
// PostgreSQL: a uniquely named schema (dropped on destruction) selected through
// search_path in the connection URL, so every pooled connection uses it.
class TestDatabase {
 public:
  // unavailable when the backend is PostgreSQL and SANAD_TEST_DATABASE_URL is unset.
  static Result<std::unique_ptr<TestDatabase>> create(Backend backend, unsigned pool_size = 4);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const core::DatabaseConfig& config() const { return config_; }
  Result<std::unique_ptr<Database>> open(DatabaseOptions options = {}) const;

 private:
  TestDatabase() = default;
  std::unique_ptr<TempDir> dir_;
  std::string base_url_;
  std::string schema_;
  core::DatabaseConfig config_;
};

// Fixture base: SetUp() creates a TestDatabase for GetParam() and opens `db_`
// (skipping, with a message, the PostgreSQL instances when no server is given).
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;
  unsigned pool_size_ = 4;
  std::unique_ptr<TestDatabase> test_db_;
  std::unique_ptr<Database> db_;
};

// BackendTest with every migration applied: what tests of the modules above `db`
// start from. A subclass's SetUp() calls this one, then returns early when
// IsSkipped() || HasFatalFailure().
class MigratedBackendTest : public BackendTest {
 protected:
  void SetUp() override;
};

}  // namespace sanad::db::testing
