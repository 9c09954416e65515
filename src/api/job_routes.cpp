#include "api/job_routes.h"

#include <chrono>
#include <thread>

#include "api/authentication.h"
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

// The job, when the caller may see it (needed = read) or act on it (write):
// administrators always; others only for a job about a document on whose folder
// they hold `needed`. not_found otherwise (existence is not confirmed).
Result<jobs::Job> visible_job(const JobRouteServices& s, const http::Request& req, library::Permission needed) {
  std::string id(req.param("id"));
  SANAD_ASSIGN_OR_RETURN(jobs::Job job, s.queue.get(id));
  const accounts::User* user = current_user(req);
  if (user == nullptr) return unauthenticated("sign in first");
  if (user->role == accounts::kRoleAdmin) return job;
  const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
  const auto document_id = payload.is_object() ? payload.find("document_id") : payload.end();
  if (!payload.is_object() || document_id == payload.end() || !document_id->is_string()) {
    return not_found("no job " + id);
  }
  auto document = s.library.get_document(document_id->get<std::string>());
  if (!document) {
    if (document.status().code() == ErrorCode::kNotFound) return not_found("no job " + id);
    return document.status();
  }
  Status allowed = s.scope.require_folder(req, document->folder_id, needed);
  if (allowed.code() == ErrorCode::kNotFound) return not_found("no job " + id);
  SANAD_RETURN_IF_ERROR(allowed);
  return job;
}

http::Response get_job(const JobRouteServices& s, http::Request& req) {
  auto job = visible_job(s, req, library::Permission::kRead);
  if (!job) return http::error_response(job.status());
  return http::Response::json(200, job_to_json(*job).dump());
}

http::Response cancel_job(const JobRouteServices& s, http::Request& req) {
  auto visible = visible_job(s, req, library::Permission::kWrite);
  if (!visible) return http::error_response(visible.status());
  jobs::JobQueue& queue = s.queue;
  const std::string& id = visible->id;
  if (Status st = queue.cancel(id); !st) return http::error_response(st);
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

void add_job_routes(http::Router& router, const JobRouteServices& services) {
  router.add("GET", "/api/jobs/{id}", [services](http::Request& req) { return get_job(services, req); },
             pooled("jobs.get"));
  router.add("POST", "/api/jobs/{id}/cancel", [services](http::Request& req) { return cancel_job(services, req); },
             pooled("jobs.cancel"));
  router.add(
      "GET", "/api/jobs/{id}/events",
      [services](http::Request& req) {
        auto job = visible_job(services, req, library::Permission::kRead);
        if (!job) return http::error_response(job.status());
        jobs::JobQueue& queue = services.queue;
        return http::Response::sse(
            [&queue, id = job->id](http::StreamChannel& channel) { stream_job_events(queue, id, channel); });
      },
      pooled("jobs.events"));
}

}  // namespace sanad::api
