#include "backend.h"

namespace sanad::testing {

Backend current_backend() {
#ifdef SANAD_TEST_BACKEND_postgres
  return Backend::kPostgres;
#else
  return Backend::kSqlite;
#endif
}

const char* backend_name() { return current_backend() == Backend::kPostgres ? "postgres" : "sqlite"; }

TestEnvironment::TestEnvironment() : database(std::make_unique<TestDatabase>(current_backend())) {
  env = {
      {"DATABASE_URL", database->url()},
      {"SANAD_DATA_DIR", database->dir().file("data")},
      {"SANAD_LOG_LEVEL", "warn"},
      {"SANAD_HTTP_THREADS", "2"},
      {"SANAD_SHUTDOWN_TIMEOUT_MS", "5000"},
  };
}

}  // namespace sanad::testing
