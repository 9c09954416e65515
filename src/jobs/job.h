#pragma once
// The durable job record (a row of the `jobs` table) and the values that describe
// one. Plain value types.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::jobs {

enum class JobState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };

// "queued", "running", "succeeded", "failed", "cancelled".
std::string_view job_state_name(JobState state) noexcept;
// The inverse; invalid_argument for anything else.
Result<JobState> parse_job_state(std::string_view name);
// True for succeeded, failed and cancelled.
bool is_final(JobState state) noexcept;

// What to enqueue.
struct JobSpec {
  std::string type;                 // the handler to run, e.g. "document.ingest"
  std::string payload_json = "{}";  // handler input; must be valid JSON
  unsigned max_attempts = 0;        // 0: core::JobsConfig::max_attempts
  int64_t run_after = 0;            // ms since the epoch; 0: now
};

struct Job {
  std::string id;
  std::string type;
  std::string payload;  // JSON
  JobState state = JobState::kQueued;
  int attempts = 0;  // attempts started so far (the running one included)
  int max_attempts = 0;
  int64_t run_after = 0;
  std::optional<std::string> lease_owner;
  std::optional<int64_t> lease_expires_at;
  std::optional<int64_t> heartbeat_at;
  std::optional<std::string> progress;  // JSON, as last set by the handler
  std::optional<std::string> error;     // the last error (kept when failed)
  bool cancel_requested = false;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> finished_at;
};

// Selects jobs for JobQueue::list(); empty fields match everything.
struct JobFilter {
  std::optional<JobState> state;
  std::string type;
  int64_t limit = 100;  // newest first
};

}  // namespace sanad::jobs
