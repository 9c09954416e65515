// Database::open behaviour that needs no running server.
#include <gtest/gtest.h>

#include <filesystem>

#include "db/database.h"
#include "db/migrate.h"
#include "test_database.h"

namespace sanad::db {
namespace {

TEST(OpenTest, PostgresErrorNamesServerButNotPassword) {
  core::DatabaseConfig config;
  // Port 1 on loopback: refused at once.
  config.url = "postgresql://sanad:s3cretPassw0rd@127.0.0.1:1/archive_db";
  auto db = Database::open(config);
  ASSERT_FALSE(db.is_ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kUnavailable);
  const std::string m = db.status().message();
  EXPECT_NE(m.find("archive_db"), std::string::npos) << m;
  EXPECT_NE(m.find("127.0.0.1"), std::string::npos) << m;
  EXPECT_EQ(m.find("s3cretPassw0rd"), std::string::npos) << m;
}

TEST(OpenTest, PostgresErrorNeverEchoesAMalformedPassword) {
  core::DatabaseConfig config;
  for (std::string url :
       {"postgresql://sanad:bad%zzS3cret@127.0.0.1:1/db", "postgresql://sanad:S3cret@127.0.0.1:abc/db",
        "postgres://sanad:S3cret@127.0.0.1:1/db?bogus=1"}) {
    config.url = url;
    auto db = Database::open(config);
    ASSERT_FALSE(db.is_ok());
    const std::string m = db.status().message();
    EXPECT_EQ(m.find("S3cret"), std::string::npos) << m;
  }
}

TEST(OpenTest, RejectsUnknownUrlSchemes) {
  core::DatabaseConfig config;
  config.url = "mysql://x";
  auto db = Database::open(config);
  ASSERT_FALSE(db.is_ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kInvalidArgument);
}

TEST(OpenTest, SqliteCreatesParentDirectoryAndUsesWal) {
  testing::TempDir dir;
  core::DatabaseConfig config;
  config.url = "sqlite://" + dir.path() + "/a/b/sanad.db";
  auto db = Database::open(config);
  ASSERT_TRUE(db.is_ok()) << db.status().to_string();
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/a/b/sanad.db"));
  EXPECT_EQ((*db)->dialect(), Dialect::kSqlite);
  auto pooled = (*db)->acquire();
  ASSERT_TRUE(pooled.is_ok());
  auto mode = (*pooled)->query("PRAGMA journal_mode");
  ASSERT_TRUE(mode.is_ok());
  EXPECT_EQ(mode->front().get_string(0), "wal");
  auto fk = (*pooled)->query("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.is_ok());
  EXPECT_EQ(fk->front().get_int(0), 1);
  auto sync = (*pooled)->query("PRAGMA synchronous");
  ASSERT_TRUE(sync.is_ok());
  EXPECT_EQ(sync->front().get_int(0), 1);  // NORMAL
}

TEST(EmbeddedMigrationsTest, BothDialectsHaveTheSameVersionsAndNames) {
  auto sqlite = embedded_migrations(Dialect::kSqlite);
  auto postgres = embedded_migrations(Dialect::kPostgres);
  ASSERT_FALSE(sqlite.empty());
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (size_t i = 0; i < sqlite.size(); ++i) {
    // Strictly increasing; a gap is allowed while migrations written on parallel
    // branches are merged (each must stand alone, so applying a late lower number
    // after a higher one is safe).
    if (i > 0) {
      EXPECT_GT(sqlite[i].version, sqlite[i - 1].version) << sqlite[i].file;
    }
    EXPECT_EQ(sqlite[i].version, postgres[i].version);
    EXPECT_EQ(sqlite[i].name, postgres[i].name);
    EXPECT_FALSE(sqlite[i].sql.empty());
  }
  EXPECT_EQ(sqlite[0].version, 1);
  EXPECT_EQ(sqlite[0].file, "migrations/sqlite/0001_initial.sql");
  EXPECT_NE(sqlite[0].sql.find("CREATE TABLE jobs"), std::string::npos);
}

TEST(EmbeddedMigrationsTest, FileNamesMustBeNumbered) {
  EXPECT_TRUE(make_migration(Dialect::kSqlite, "0002_add_news.sql", "").is_ok());
  EXPECT_EQ(make_migration(Dialect::kSqlite, "0002_add_news.sql", "")->name, "add_news");
  EXPECT_FALSE(make_migration(Dialect::kSqlite, "2_add.sql", "").is_ok());
  EXPECT_FALSE(make_migration(Dialect::kSqlite, "000x_add.sql", "").is_ok());
  EXPECT_FALSE(make_migration(Dialect::kSqlite, "0003_add.txt", "").is_ok());
  EXPECT_NE(migration_checksum("a"), migration_checksum("b"));
  EXPECT_EQ(migration_checksum("abc"), migration_checksum("abc"));
}

}  // namespace
}  // namespace sanad::db
