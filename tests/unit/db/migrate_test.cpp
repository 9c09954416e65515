#include "db/migrate.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/clock.h"
#include "test_database.h"

namespace sanad::db {
namespace {

using testing::BackendTest;

class MigrateTest : public BackendTest {
 protected:
  Migration extra(std::string_view file, std::string sql) {
    auto m = make_migration(db_->dialect(), file, std::move(sql));
    EXPECT_TRUE(m.is_ok());
    return m.value();
  }
  bool table_exists(const std::string& name) {
    auto r = db_->dialect() == Dialect::kSqlite
                 ? db_->query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {name})
                 : db_->query(
                       "SELECT 1 FROM information_schema.tables WHERE table_name = ? "
                       "AND table_schema = current_schema()",
                       {name});
    EXPECT_TRUE(r.is_ok()) << r.status().to_string();
    return r.is_ok() && !r->empty();
  }
};

TEST_P(MigrateTest, AppliesTheInitialSchemaOnceAndReportsStatus) {
  auto before = migration_status(*db_);
  ASSERT_TRUE(before.is_ok()) << before.status().to_string();
  EXPECT_EQ(before->current_version, 0);
  ASSERT_FALSE(before->pending.empty());
  EXPECT_EQ(before->pending.front(), "0001_initial.sql");
  EXPECT_FALSE(before->up_to_date());

  auto report = migrate(*db_);
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->from_version, 0);
  EXPECT_GE(report->to_version, 1);
  ASSERT_FALSE(report->applied.empty());
  EXPECT_EQ(report->applied.front(), "0001_initial.sql");
  EXPECT_TRUE(table_exists("users"));
  EXPECT_TRUE(table_exists("jobs"));

  auto again = migrate(*db_);
  ASSERT_TRUE(again.is_ok()) << again.status().to_string();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->from_version, report->to_version);

  auto after = migration_status(*db_);
  ASSERT_TRUE(after.is_ok());
  EXPECT_TRUE(after->up_to_date());
  EXPECT_EQ(after->current_version, after->latest_version);
  auto recorded = db_->query("SELECT version, name, checksum, applied_at FROM schema_migrations");
  ASSERT_TRUE(recorded.is_ok());
  EXPECT_EQ(recorded->size(), embedded_migrations(db_->dialect()).size());
  EXPECT_EQ(recorded->front().get_string("name"), "initial");
}

TEST_P(MigrateTest, UsersEmailIsUniqueCaseInsensitivelyAndRoleIsChecked) {
  ASSERT_TRUE(migrate(*db_).is_ok());
  int64_t now = core::now_ms();
  const char* insert =
      "INSERT INTO users (id, email, email_normalized, name, role, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, 1, ?, ?)";
  ASSERT_TRUE(db_->exec(insert, {"u1", "Amina@Example.org", "amina@example.org", "Amina", "admin", now, now})
                  .is_ok());
  auto dup = db_->exec(insert, {"u2", "AMINA@example.org", "amina@example.org", "A", "member", now, now});
  ASSERT_FALSE(dup.is_ok());
  EXPECT_EQ(dup.status().code(), ErrorCode::kAlreadyExists);
  auto role = db_->exec(insert, {"u3", "x@example.org", "x@example.org", "X", "owner", now, now});
  ASSERT_FALSE(role.is_ok());
  EXPECT_EQ(role.status().code(), ErrorCode::kInvalidArgument) << role.status().to_string();
}

TEST_P(MigrateTest, FailingMigrationLeavesSchemaUntouchedAndNamesTheFile) {
  auto migrations = embedded_migrations(db_->dialect());
  ASSERT_TRUE(migrate(*db_, migrations).is_ok());
  int latest = migrations.back().version;
  char file[32];
  std::snprintf(file, sizeof file, "%04d_broken.sql", latest + 1);
  migrations.push_back(extra(file,
                             "CREATE TABLE half_done (id TEXT PRIMARY KEY);\n"
                             "INSERT INTO half_done (id) VALUES ('x');\n"
                             "CREATE TABLE broken (id TEXT PRIMARY KEY,);\n"));
  auto report = migrate(*db_, migrations);
  ASSERT_FALSE(report.is_ok());
  const std::string m = report.status().message();
  std::string path = "migrations/";
  path += dialect_name(db_->dialect());
  path += "/";
  path += file;
  EXPECT_NE(m.find(path), std::string::npos) << m;
  EXPECT_NE(m.find("syntax error"), std::string::npos) << m;  // the database's own message
  EXPECT_FALSE(table_exists("half_done"));
  auto status = migration_status(*db_, migrations);
  ASSERT_TRUE(status.is_ok());
  EXPECT_EQ(status->current_version, latest);
  ASSERT_EQ(status->pending.size(), 1u);
  EXPECT_EQ(status->pending[0], file);
}

TEST_P(MigrateTest, ChangedAppliedMigrationIsAnErrorNamingIt) {
  std::vector<Migration> migrations{extra("0001_first.sql", "CREATE TABLE first_t (id TEXT);")};
  ASSERT_TRUE(migrate(*db_, migrations).is_ok());
  migrations[0].sql = "CREATE TABLE first_t (id TEXT, extra TEXT);";
  auto report = migrate(*db_, migrations);
  ASSERT_FALSE(report.is_ok());
  EXPECT_EQ(report.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(report.status().message().find("0001_first.sql"), std::string::npos) << report.status().message();
  auto status = migration_status(*db_, migrations);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.status().message().find("checksum"), std::string::npos);
}

TEST_P(MigrateTest, DatabaseNewerThanProgramIsRefused) {
  std::vector<Migration> migrations{extra("0001_first.sql", "CREATE TABLE first_t (id TEXT);"),
                                    extra("0002_second.sql", "CREATE TABLE second_t (id TEXT);")};
  ASSERT_TRUE(migrate(*db_, migrations).is_ok());
  migrations.pop_back();
  auto report = migrate(*db_, migrations);
  ASSERT_FALSE(report.is_ok());
  EXPECT_EQ(report.status().code(), ErrorCode::kFailedPrecondition);
  auto status = migration_status(*db_, migrations);
  ASSERT_TRUE(status.is_ok());
  EXPECT_FALSE(status->up_to_date());
}

TEST_P(MigrateTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  constexpr int kMigrators = 4;
  std::vector<std::unique_ptr<Database>> handles;
  for (int i = 0; i < kMigrators; ++i) {
    auto h = test_db_->open();
    ASSERT_TRUE(h.is_ok()) << h.status().to_string();
    handles.push_back(std::move(h).value());
  }
  std::vector<Status> results(kMigrators);
  std::vector<size_t> applied(kMigrators);
  std::vector<std::thread> threads;
  for (int i = 0; i < kMigrators; ++i) {
    threads.emplace_back([&, i] {
      auto r = migrate(*handles[static_cast<size_t>(i)]);
      results[static_cast<size_t>(i)] = r.status();
      if (r.is_ok()) applied[static_cast<size_t>(i)] = r->applied.size();
    });
  }
  for (auto& t : threads) t.join();
  size_t total = 0;
  for (int i = 0; i < kMigrators; ++i) {
    EXPECT_TRUE(results[static_cast<size_t>(i)].is_ok()) << results[static_cast<size_t>(i)].to_string();
    total += applied[static_cast<size_t>(i)];
  }
  size_t expected = embedded_migrations(db_->dialect()).size();
  EXPECT_EQ(total, expected);
  auto rows = db_->query("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(rows.is_ok());
  EXPECT_EQ(rows->front().get_int(0), static_cast<int64_t>(expected));
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest, ::testing::ValuesIn(testing::test_backends()),
                         testing::backend_param_name);

}  // namespace
}  // namespace sanad::db
