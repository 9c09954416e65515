#include "test_database.h"

#include <cstdlib>
#include <filesystem>

#include "core/ids.h"
#include "core/strings.h"
#include "db/migrate.h"

namespace sanad::db::testing {

std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgres";
}

void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kSqlite ? "sqlite" : "postgres");
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sanad-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string postgres_test_url() {
  const char* url = std::getenv("SANAD_TEST_DATABASE_URL");
  return url != nullptr ? url : "";
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::create(Backend backend, unsigned pool_size) {
  std::unique_ptr<TestDatabase> t(new TestDatabase());
  t->config_.pool_size = pool_size;
  t->config_.busy_timeout = std::chrono::milliseconds(10000);
  if (backend == Backend::kSqlite) {
    t->dir_ = std::make_unique<TempDir>();
    t->config_.url = "sqlite://" + t->dir_->path() + "/data/sanad.db";
    return t;
  }
  t->base_url_ = postgres_test_url();
  if (t->base_url_.empty()) return unavailable("SANAD_TEST_DATABASE_URL is not set");
  std::string schema = "sanad_t_" + core::ascii_lower(core::new_id());
  core::DatabaseConfig admin;
  admin.url = t->base_url_;
  admin.pool_size = 1;
  SANAD_ASSIGN_OR_RETURN(auto db, Database::open(admin));
  SANAD_RETURN_IF_ERROR(db->exec("CREATE SCHEMA " + schema).status());
  t->schema_ = schema;
  t->config_.url = t->base_url_ + (t->base_url_.find('?') == std::string::npos ? "?" : "&") +
                   "options=-csearch_path%3D" + schema;
  return t;
}

TestDatabase::~TestDatabase() {
  if (schema_.empty()) return;
  core::DatabaseConfig admin;
  admin.url = base_url_;
  admin.pool_size = 1;
  auto db = Database::open(admin);
  if (db.is_ok()) (void)(*db)->exec("DROP SCHEMA " + schema_ + " CASCADE");
}

Result<std::unique_ptr<Database>> TestDatabase::open(DatabaseOptions options) const {
  return Database::open(config_, options);
}

void BackendTest::SetUp() {
  if (GetParam() == Backend::kPostgres && postgres_test_url().empty()) {
    GTEST_SKIP() << "SANAD_TEST_DATABASE_URL is not set (scripts/test.sh starts a throwaway server)";
  }
  auto t = TestDatabase::create(GetParam(), pool_size_);
  ASSERT_TRUE(t.is_ok()) << t.status().to_string();
  test_db_ = std::move(t).value();
  auto db = test_db_->open();
  ASSERT_TRUE(db.is_ok()) << db.status().to_string();
  db_ = std::move(db).value();
}

void BackendTest::TearDown() {
  db_.reset();
  test_db_.reset();
}

void MigratedBackendTest::SetUp() {
  BackendTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  auto migrated = migrate(*db_);
  ASSERT_TRUE(migrated.is_ok()) << migrated.status().to_string();
}

}  // namespace sanad::db::testing
