#pragma once
// The public JSON shape of a job (API.md: times ISO 8601 UTC, ids opaque).

#include <nlohmann/json.hpp>

#include "jobs/job.h"

namespace sanad::api {

nlohmann::json job_to_json(const jobs::Job& job);

}  // namespace sanad::api
