#include "api/job_routes.h"

#include <chrono>
#include <thread>

#include "api/job_json.h"
#include "api/route_options.h"
#include "http/response.h"
#include "http/stream.h"

namespace sanad::api {

namespace {

// How often an event stream looks at the job row. Progress lives in the database
// (any instance's worker may run the job), so the stream polls it.
constexpr auto kEventPollInterval = std::chrono::milliseconds(250);
// A comment line this often keeps proxies from closing a quiet stream.
constexpr auto kKeepAliveInterval = std::chrono::seconds(15);

http::Response get_job(jobs::JobQueue& queue, http::Request& req) {
  auto job = queue.get(std::string(req.param("id")));
  if (!job) return http::error_response(job.status());
  return http::Response::json(200, job_to_json(*job).dump());
}

http::Response cancel_job(jobs::JobQueue& queue, http::Request& req) {
  std::string id(req.param("id"));
  if (Status s = queue.cancel(id); !s) return http::error_response(s);
  auto job = queue.get(id);
  if (!job) return http::error_response(job.status());
  return http::Response::json(202, job_to_json(*job).dump());
}

void stream_job_events(jobs::JobQueue& queue, const std::string& id, http::StreamChannel& channel) {
  http::SseWriter sse(channel);
  std::string last_sent;
  auto last_write = std::chrono::steady_clock::now();
  while (!channel.cancelled()) {
    auto job = queue.get(id);
    if (!job) {
      sse.event("error", nlohmann::json{{"error", {{"code", std::string(error_code_name(job.status().code()))},
                                                   {"message", job.status().message()}}}}
                             .dump());
      return;
    }
    std::string body = job_to_json(*job).dump();
    if (jobs::is_final(job->state)) {
      sse.event("done", body);
      return;
    }
    auto now = std::chrono::steady_clock::now();
    if (body != last_sent) {
      if (!sse.event("progress", body)) return;
      last_sent = std::move(body);
      last_write = now;
    } else if (now - last_write >= kKeepAliveInterval) {
      if (!sse.comment("keep-alive")) return;
      last_write = now;
    }
    std::this_thread::sleep_for(kEventPollInterval);
  }
}

}  // namespace

void add_job_routes(http::Router& router, jobs::JobQueue& queue) {
  router.add("GET", "/api/jobs/{id}", [&queue](http::Request& req) { return get_job(queue, req); },
             pooled("jobs.get"));
  router.add("POST", "/api/jobs/{id}/cancel", [&queue](http::Request& req) { return cancel_job(queue, req); },
             pooled("jobs.cancel"));
  router.add(
      "GET", "/api/jobs/{id}/events",
      [&queue](http::Request& req) {
        std::string id(req.param("id"));
        auto job = queue.get(id);
        if (!job) return http::error_response(job.status());
        return http::Response::sse(
            [&queue, id](http::StreamChannel& channel) { stream_job_events(queue, id, channel); });
      },
      pooled("jobs.events"));
}

}  // namespace sanad::api
