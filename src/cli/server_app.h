#pragma once
// `sanad serve`: builds every service from the configuration, wires them to the
// HTTP server and runs until SIGTERM/SIGINT. Returns the process exit code.

#include "core/config.h"

namespace sanad::cli {

int run_server(const core::Config& config);

}  // namespace sanad::cli
