#include "api/job_json.h"

#include "core/clock.h"

namespace sanad::api {

namespace {
nlohmann::json optional_time(const std::optional<int64_t>& ms) {
  return ms ? nlohmann::json(core::iso8601_ms(*ms)) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json job_to_json(const jobs::Job& job) {
  nlohmann::json progress = nlohmann::json::object();
  if (job.progress) {
    progress = nlohmann::json::parse(*job.progress, nullptr, /*allow_exceptions=*/false);
    if (progress.is_discarded()) progress = nlohmann::json::object();
  }
  return {
      {"id", job.id},
      {"type", job.type},
      {"state", std::string(jobs::job_state_name(job.state))},
      {"attempts", job.attempts},
      {"max_attempts", job.max_attempts},
      {"progress", progress},
      {"error", job.error ? nlohmann::json(*job.error) : nlohmann::json(nullptr)},
      {"cancel_requested", job.cancel_requested},
      {"created_at", core::iso8601_ms(job.created_at)},
      {"updated_at", core::iso8601_ms(job.updated_at)},
      {"finished_at", optional_time(job.finished_at)},
  };
}

}  // namespace sanad::api
