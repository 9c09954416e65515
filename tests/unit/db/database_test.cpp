#include "db/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "test_database.h"

namespace sanad::db {
namespace {

using testing::BackendTest;

class DatabaseTest : public BackendTest {
 protected:
  void create_table() {
    std::string blob_type = db_->dialect() == Dialect::kPostgres ? "BYTEA" : "BLOB";
    auto r = db_->exec("CREATE TABLE items (id TEXT PRIMARY KEY, n BIGINT, x DOUBLE PRECISION, s TEXT, b " +
                       blob_type + ")");
    ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  }
  int64_t count_items() {
    auto r = db_->query("SELECT COUNT(*) FROM items");
    EXPECT_TRUE(r.is_ok()) << r.status().to_string();
    return r.is_ok() ? r->front().get_int(0) : -1;
  }
};

TEST_P(DatabaseTest, QueryExecParamsNullsAndUnicode) {
  create_table();
  const std::string unicode = "سند — élève 中文 🚀";
  Blob blob{{0x00, 0xff, 0x10, 0x00}};
  auto n = db_->exec("INSERT INTO items (id, n, x, s, b) VALUES (?, ?, ?, ?, ?)",
                     {"a", int64_t{9007199254740993}, 0.1, unicode, blob});
  ASSERT_TRUE(n.is_ok()) << n.status().to_string();
  EXPECT_EQ(*n, 1);
  n = db_->exec("INSERT INTO items (id, n, x, s, b) VALUES (?, ?, ?, ?, ?)",
                {"b", kNull, kNull, kNull, kNull});
  ASSERT_TRUE(n.is_ok()) << n.status().to_string();

  auto rows = db_->query("SELECT id, n, x, s, b FROM items ORDER BY id");
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows->size(), 2u);
  const Row& a = (*rows)[0];
  EXPECT_EQ(a.get_string("id"), "a");
  EXPECT_EQ(a.get_int("n"), 9007199254740993);  // not squeezed through a double
  EXPECT_DOUBLE_EQ(a.get_double("x"), 0.1);
  EXPECT_EQ(a.get_string("s"), unicode);
  EXPECT_EQ(a.get_blob("b"), blob);
  const Row& b = (*rows)[1];
  EXPECT_TRUE(b.is_null("n"));
  EXPECT_TRUE(b.is_null("x"));
  EXPECT_EQ(b.opt_string("s"), std::nullopt);
  EXPECT_TRUE(b.is_null("b"));

  // Parameters in WHERE, and the affected-row count of an UPDATE.
  auto found = db_->query("SELECT id FROM items WHERE s = ?", {unicode});
  ASSERT_TRUE(found.is_ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().get_string(0), "a");
  auto updated = db_->exec("UPDATE items SET n = ? WHERE id IN (?, ?)", {int64_t{7}, "a", "b"});
  ASSERT_TRUE(updated.is_ok());
  EXPECT_EQ(*updated, 2);
  auto none = db_->exec("DELETE FROM items WHERE id = ?", {"zzz"});
  ASSERT_TRUE(none.is_ok());
  EXPECT_EQ(*none, 0);
}

TEST_P(DatabaseTest, QuestionMarkInsideStringLiteralIsNotAPlaceholder) {
  auto rows = db_->query("SELECT 'why?' AS q, ? AS p", {"answer"});
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  EXPECT_EQ(rows->front().get_string("q"), "why?");
  EXPECT_EQ(rows->front().get_string("p"), "answer");
}

TEST_P(DatabaseTest, ErrorsAreValuesWithUsefulCodes) {
  create_table();
  auto wrong = db_->query("SELECT id FROM items WHERE id = ?", {});
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_EQ(wrong.status().code(), ErrorCode::kInvalidArgument);

  ASSERT_TRUE(db_->exec("INSERT INTO items (id) VALUES (?)", {"dup"}).is_ok());
  auto dup = db_->exec("INSERT INTO items (id) VALUES (?)", {"dup"});
  ASSERT_FALSE(dup.is_ok());
  EXPECT_EQ(dup.status().code(), ErrorCode::kAlreadyExists) << dup.status().to_string();

  auto syntax = db_->query("SELEC nonsense");
  ASSERT_FALSE(syntax.is_ok());
  EXPECT_NE(syntax.status().message().find("SELEC nonsense"), std::string::npos);
  // The connection that failed is still usable.
  EXPECT_TRUE(db_->ping().is_ok());
}

TEST_P(DatabaseTest, TransactionCommitsOnOkAndRollsBackOnErrorOrException) {
  create_table();
  Status s = db_->transaction([](Connection& c) -> Status {
    SANAD_RETURN_IF_ERROR(c.exec("INSERT INTO items (id) VALUES (?)", {"kept"}).status());
    return c.exec("INSERT INTO items (id) VALUES (?)", {"kept2"}).status();
  });
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(count_items(), 2);

  s = db_->transaction([](Connection& c) -> Status {
    SANAD_RETURN_IF_ERROR(c.exec("INSERT INTO items (id) VALUES (?)", {"lost"}).status());
    return failed_precondition("changed my mind");
  });
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "changed my mind");
  EXPECT_EQ(count_items(), 2);

  // A failing statement inside rolls back the earlier ones too.
  s = db_->transaction([](Connection& c) -> Status {
    SANAD_RETURN_IF_ERROR(c.exec("INSERT INTO items (id) VALUES (?)", {"lost2"}).status());
    return c.exec("INSERT INTO items (id) VALUES (?)", {"kept"}).status();  // duplicate
  });
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(count_items(), 2);

  EXPECT_THROW((void)db_->transaction([](Connection& c) -> Status {
    (void)c.exec("INSERT INTO items (id) VALUES (?)", {"thrown"});
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_EQ(count_items(), 2);
  // The connection went back to the pool outside any transaction.
  EXPECT_EQ(db_->stats().in_use, 0u);
  s = db_->transaction(
      [](Connection& c) { return c.exec("INSERT INTO items (id) VALUES ('after')").status(); });
  EXPECT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(count_items(), 3);
}

TEST_P(DatabaseTest, ConcurrentWriteTransactionsNeitherDeadlockNorLoseUpdates) {
  ASSERT_TRUE(db_->exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)").is_ok());
  ASSERT_TRUE(db_->exec("INSERT INTO counter (id, n) VALUES (1, 0)").is_ok());
  // Read-then-write: SQLite's BEGIN IMMEDIATE serialises writers; PostgreSQL
  // needs the row lock taken by FOR UPDATE.
  std::string read = db_->dialect() == Dialect::kPostgres ? "SELECT n FROM counter WHERE id = 1 FOR UPDATE"
                                                          : "SELECT n FROM counter WHERE id = 1";
  constexpr int kThreads = 4;
  constexpr int kIncrements = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        Status s = db_->transaction([&](Connection& c) -> Status {
          SANAD_ASSIGN_OR_RETURN(Rows rows, c.query(read));
          return c.exec("UPDATE counter SET n = ? WHERE id = 1", {rows.front().get_int(0) + 1}).status();
        });
        if (!s.is_ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto rows = db_->query("SELECT n FROM counter WHERE id = 1");
  ASSERT_TRUE(rows.is_ok());
  EXPECT_EQ(rows->front().get_int(0), kThreads * kIncrements);
}

TEST_P(DatabaseTest, PoolExhaustionTimesOutWithUnavailable) {
  core::DatabaseConfig config = test_db_->config();
  config.pool_size = 2;
  DatabaseOptions options;
  options.acquire_timeout = std::chrono::milliseconds(100);
  auto small = Database::open(config, options);
  ASSERT_TRUE(small.is_ok()) << small.status().to_string();
  Database& db = **small;
  auto first = db.acquire();
  auto second = db.acquire();
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  PoolStats stats = db.stats();
  EXPECT_EQ(stats.size, 2u);
  EXPECT_EQ(stats.in_use, 2u);

  auto start = std::chrono::steady_clock::now();
  auto third = db.acquire();
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(third.is_ok());
  EXPECT_EQ(third.status().code(), ErrorCode::kUnavailable);
  EXPECT_GE(waited, std::chrono::milliseconds(90));
  EXPECT_EQ(db.query("SELECT 1").status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(db.stats().acquire_timeouts, 2u);

  // A waiter gets the connection as soon as one is returned.
  std::thread returner([c = std::move(first).value()]() mutable { PooledConnection done = std::move(c); });
  auto fourth = db.acquire(std::chrono::milliseconds(5000));
  returner.join();
  ASSERT_TRUE(fourth.is_ok()) << fourth.status().to_string();
  EXPECT_GE(db.stats().total_acquired, 3u);
}

TEST_P(DatabaseTest, PreparedStatementsAreReusedAcrossCalls) {
  create_table();
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(
        db_->exec("INSERT INTO items (id, n) VALUES (?, ?)", {"k" + std::to_string(i), int64_t{i}}).is_ok());
  }
  auto sum = db_->query("SELECT SUM(n) AS total FROM items");
  ASSERT_TRUE(sum.is_ok());
  EXPECT_EQ(sum->front().get_int("total"), 49 * 50 / 2);
}

TEST_P(DatabaseTest, StatementCacheOverflowKeepsWorking) {
  auto conn = db_->acquire();
  ASSERT_TRUE(conn.is_ok());
  // More distinct statements than the cache holds, then the first ones again.
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < Connection::kMaxCachedStatements + 20; ++i) {
      auto rows = (*conn)->query("SELECT " + std::to_string(i) + " AS v, ? AS p", {"x"});
      ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
      ASSERT_EQ(rows->front().get_int("v"), static_cast<int64_t>(i));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(testing::test_backends()),
                         testing::backend_param_name);

}  // namespace
}  // namespace sanad::db
