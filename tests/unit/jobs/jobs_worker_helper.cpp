// Test helper for the crash-recovery test: runs a one-worker pool on the database
// given on the command line whose "block" handler prints "started <job id>" on
// stdout and then never finishes. The test kills this process with SIGKILL.
//
//   jobs_worker_helper <database url> <lease ms>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/log.h"
#include "db/database.h"
#include "jobs/job_queue.h"
#include "jobs/worker_pool.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <database url> <lease ms>\n", argv[0]);
    return 2;
  }
  sanad::core::DatabaseConfig db_config;
  db_config.url = argv[1];
  db_config.pool_size = 4;
  auto db = sanad::db::Database::open(db_config);
  if (!db.is_ok()) {
    std::fprintf(stderr, "%s\n", db.status().to_string().c_str());
    return 1;
  }
  sanad::core::JobsConfig config;
  config.workers = 1;
  config.lease = std::chrono::milliseconds(std::atoi(argv[2]));
  config.poll_interval = std::chrono::milliseconds(20);
  sanad::core::Logger logger(sanad::core::LogLevel::kWarn);
  sanad::jobs::JobQueue queue(**db, config);
  sanad::jobs::WorkerPool pool(**db, queue, config, logger, "helper-" + std::to_string(getpid()));
  pool.register_handler("block", [](sanad::jobs::JobContext& ctx) -> sanad::Status {
    std::printf("started %s\n", ctx.id().c_str());
    std::fflush(stdout);
    while (true) pause();  // until SIGKILL
  });
  if (!pool.start().is_ok()) return 1;
  while (true) pause();
}
