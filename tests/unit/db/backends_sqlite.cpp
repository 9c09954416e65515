// The unit-labelled executables run the SQLite instances.
#include "test_database.h"

namespace sanad::db::testing {
std::vector<Backend> test_backends() {
  return {Backend::kSqlite};
}
}  // namespace sanad::db::testing
