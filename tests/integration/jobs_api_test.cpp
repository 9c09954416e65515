// Durable jobs seen through the HTTP API of the real binary: a job enqueued in the
// database is claimed by the server's workers, its outcome and progress are
// readable, streamed as Server-Sent Events, and cancellable.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "accounts_support.h"
#include "backend.h"
#include "core/config.h"
#include "db/database.h"
#include "db/migrate.h"
#include "http_client.h"
#include "jobs/job_queue.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Opens the test's database from the test process, like another instance would.
struct DirectAccess {
  explicit DirectAccess(const std::string& url) {
    core::DatabaseConfig config;
    config.url = url;
    config.pool_size = 2;
    auto opened = db::Database::open(config);
    if (!opened) throw std::runtime_error(opened.status().to_string());
    db = std::move(*opened);
    auto migrated = db::migrate(*db);
    if (!migrated) throw std::runtime_error(migrated.status().to_string());
    queue = std::make_unique<jobs::JobQueue>(*db, jobs_config);
  }
  core::JobsConfig jobs_config;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<jobs::JobQueue> queue;
};

jobs::JobSpec spec(std::string type, std::string payload = "{}") {
  jobs::JobSpec s;
  s.type = std::move(type);
  s.payload_json = std::move(payload);
  return s;
}

// Reads SSE events from a response body: a list of (event, data).
std::vector<std::pair<std::string, std::string>> parse_sse(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> events;
  std::string event, data;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) {
      if (!event.empty() || !data.empty()) events.emplace_back(event, data);
      event.clear();
      data.clear();
    } else if (line.rfind("event: ", 0) == 0) {
      event = line.substr(7);
    } else if (line.rfind("data: ", 0) == 0) {
      data += line.substr(6);
    }
  }
  return events;
}

TEST(JobsApi, AJobOfUnknownTypeFailsWithAClearErrorAndStreamsDone) {
  TestEnvironment t;
  DirectAccess direct(t.database->url());
  auto id = direct.queue->enqueue(spec("no.such.handler", R"({"x":1})"));
  ASSERT_TRUE(id) << id.status().to_string();

  SanadServer server(t.env);
  auto headers = bearer(admin_token(t.env, server.port()));
  // The event stream ends with `done` once the server's worker has failed the job.
  auto stream = http_get(server.port(), "/api/jobs/" + *id + "/events", headers);
  ASSERT_TRUE(stream);
  EXPECT_EQ(stream->status, 200);
  EXPECT_NE(stream->header("content-type").find("text/event-stream"), std::string::npos);
  auto events = parse_sse(stream->body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().first, "done");
  auto final_job = json::parse(events.back().second);
  EXPECT_EQ(final_job["state"], "failed");
  EXPECT_NE(final_job["error"].get<std::string>().find("no.such.handler"), std::string::npos);

  auto job = http_get(server.port(), "/api/jobs/" + *id, headers);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->status, 200);
  auto body = json::parse(job->body);
  EXPECT_EQ(body["id"], *id);
  EXPECT_EQ(body["type"], "no.such.handler");
  EXPECT_EQ(body["state"], "failed");
  EXPECT_EQ(body["attempts"], 1);
  EXPECT_TRUE(body["finished_at"].is_string());
}

TEST(JobsApi, CancelAQueuedJob) {
  TestEnvironment t;
  t.env["SANAD_WORKERS"] = "0";  // nobody claims it
  DirectAccess direct(t.database->url());
  auto id = direct.queue->enqueue(spec("anything"));
  ASSERT_TRUE(id);
  SanadServer server(t.env);
  auto headers = bearer(admin_token(t.env, server.port()));

  auto cancelled = http_request(server.port(), "POST", "/api/jobs/" + *id + "/cancel", headers);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, 202) << cancelled->body;
  EXPECT_EQ(json::parse(cancelled->body)["state"], "cancelled");
  auto stored = direct.queue->get(*id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->state, jobs::JobState::kCancelled);

  // Cancelling twice is fine; an unknown job is 404 with the standard body.
  auto again = http_request(server.port(), "POST", "/api/jobs/" + *id + "/cancel", headers);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 202);
  auto unknown = http_request(server.port(), "POST", "/api/jobs/01nope/cancel", headers);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(json::parse(unknown->body)["error"]["code"], "not_found");
}

TEST(JobsApi, ProgressWrittenByAnotherInstanceIsVisible) {
  TestEnvironment t;
  t.env["SANAD_WORKERS"] = "0";
  DirectAccess direct(t.database->url());
  auto id = direct.queue->enqueue(spec("ingest"));
  ASSERT_TRUE(id);
  // Simulate a worker elsewhere: mark it running with progress.
  ASSERT_TRUE(direct.db->exec("UPDATE jobs SET state = 'running', progress = ? WHERE id = ?",
                              {std::string(R"({"pages_done":3,"pages_total":10})"), *id}));
  SanadServer server(t.env);
  auto headers = bearer(admin_token(t.env, server.port()));
  auto job = http_get(server.port(), "/api/jobs/" + *id, headers);
  ASSERT_TRUE(job);
  auto body = json::parse(job->body);
  EXPECT_EQ(body["state"], "running");
  EXPECT_EQ(body["progress"]["pages_done"], 3);
  EXPECT_EQ(body["progress"]["pages_total"], 10);
}

}  // namespace
}  // namespace sanad::testing
