// A minimal server for load-testing the HTTP module:
//   http_bench_server [port] [log_level]    then    wrk -t2 -c64 -d5s http://127.0.0.1:PORT/health/live
// Access log lines go to stderr (redirect it) at the given level (default info).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "http/health.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

int main(int argc, char** argv) {
  using namespace sanad;
  core::HttpConfig config;
  config.bind_address = "127.0.0.1";
  config.port = argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 8080;
  // Fully buffered stderr: the Logger flushes it itself (every 200 ms and on warnings),
  // so an access-log line costs no write() of its own.
  static char log_buffer[1 << 16];
  std::setvbuf(stderr, log_buffer, _IOFBF, sizeof log_buffer);
  auto level = core::parse_log_level(argc > 2 ? argv[2] : "info");
  core::Logger logger(level.is_ok() ? *level : core::LogLevel::kInfo);
  http::Router router;
  http::HealthChecks checks;
  http::HttpMetrics metrics;
  http::add_health_routes(router, checks);
  http::add_metrics_route(router, metrics);
  http::Server server(config, router, logger, metrics);
  if (auto st = server.start(); !st.is_ok()) {
    std::fprintf(stderr, "%s\n", st.to_string().c_str());
    return 1;
  }
  std::printf("listening on %u\n", server.port());
  std::fflush(stdout);
  server.run_until_signal();
  return 0;
}
