#include <cstdio>

#include "cli/command.h"

namespace sanad::cli {

Result<core::Config> load_effective_config() {
  auto env = core::gather_environment(".env");
  if (!env) return env.status();
  return core::load_config(*env);
}

int fail(const Status& status) {
  std::fprintf(stderr, "sanad: %s\n", status.to_string().c_str());
  return kExitFailure;
}

}  // namespace sanad::cli
