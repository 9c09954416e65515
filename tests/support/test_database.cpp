#include "test_database.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

namespace sanad::testing {

namespace {

void run_admin_sql(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL server: " + message);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + message);
}

// Replaces the database name (the path after the last '/', before any '?').
std::string with_database(const std::string& url, const std::string& name) {
  auto query = url.find('?');
  std::string base = url.substr(0, query);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + name + rest;
}

}  // namespace

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::kSqlite) {
    url_ = "sqlite://" + dir_.file("sanad.db");
    return;
  }
  const char* base = std::getenv("SANAD_TEST_DATABASE_URL");
  if (base == nullptr || *base == '\0') {
    throw std::runtime_error(
        "SANAD_TEST_DATABASE_URL is not set: run the PostgreSQL tests through `make test` "
        "(or source scripts/services.sh and call services_start)");
  }
  admin_url_ = base;
  std::random_device rd;
  database_name_ = "sanad_t" + std::to_string(rd()) + std::to_string(rd() % 100000);
  run_admin_sql(admin_url_, "CREATE DATABASE " + database_name_);
  url_ = with_database(admin_url_, database_name_);
}

TestDatabase::~TestDatabase() {
  if (backend_ != Backend::kPostgres || database_name_.empty()) return;
  try {
    run_admin_sql(admin_url_, "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The throwaway server is removed at the end of the run anyway.
  }
}

}  // namespace sanad::testing
