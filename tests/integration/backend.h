#pragma once
// The database backend this integration test binary runs against (SQLite or
// PostgreSQL, chosen at build time), and the environment for a sanad process
// using a fresh database of that backend.

#include <map>
#include <memory>
#include <string>

#include "test_database.h"

namespace sanad::testing {

Backend current_backend();
const char* backend_name();

// A fresh database plus the environment variables for a sanad process that uses it
// (data and upload directories inside the test's temp dir, quiet logs).
struct TestEnvironment {
  TestEnvironment();
  std::unique_ptr<TestDatabase> database;
  std::map<std::string, std::string> env;
};

}  // namespace sanad::testing
