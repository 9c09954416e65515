// The postgres-labelled executables run the PostgreSQL instances.
#include "test_database.h"

namespace sanad::db::testing {
std::vector<Backend> test_backends() {
  return {Backend::kPostgres};
}
}  // namespace sanad::db::testing
