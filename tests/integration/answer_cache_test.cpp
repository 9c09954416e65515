// The answer cache shared through Redis by two `sanad serve` instances on one
// PostgreSQL database: a question answered on A is served from the cache on B
// (`cached: true`, the same text and citations, a hit in B's /metrics), and once
// an upload has moved the index on both, the same question is answered afresh.
// With Redis unreachable, answers still come, cached in the process.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "accounts_support.h"
#include "api_client.h"
#include "backend.h"
#include "http_client.h"
#include "library_support.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// A value from GET /metrics (an unlabelled series or one with its labels), -1 if absent.
long long metric(uint16_t port, const std::string& series) {
  auto r = http_request(port, "GET", "/metrics", {}, "");
  if (!r || r->status != 200) return -1;
  size_t at = r->body.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(r->body.substr(at + series.size() + 2));
}

long long applied_seq(uint16_t port) { return metric(port, "sanad_search_index_applied_seq"); }

// Uploads `content` into `folder` through `api` and waits until its job succeeded.
void ingest(ApiClient& api, const std::string& folder, const std::string& name, const std::string& content) {
  HttpResponse r = api.upload(folder, name, content);
  ASSERT_EQ(r.status, 202) << r.body;
  std::string job = json::parse(r.body)["job_id"].get<std::string>();
  ASSERT_TRUE(eventually([&] { return api.expect_json("GET", "/api/jobs/" + job, 200)["state"] == "succeeded"; }));
}

// Waits until both instances have applied the same change-log sequence, above `after`.
long long wait_same_index(uint16_t a, uint16_t b, long long after) {
  long long seq = -1;
  bool same = eventually([&] {
    seq = applied_seq(a);
    return seq > after && applied_seq(b) == seq;
  }, 20s);
  return same ? seq : -1;
}

json ask(ApiClient& api, const std::string& question) {
  std::string conversation = api.expect_json("POST", "/api/conversations", 201, {{"title", ""}})["id"];
  return api.expect_json("POST", "/api/conversations/" + conversation + "/messages", 200, {{"content", question}});
}

const char kLeaveDoc[] =
    "# Guide des congés\n\n## Congés payés\n\nChaque salarié a droit à 25 jours de congés payés par an. "
    "Les congés se posent dans l'outil RH au moins un mois avant le départ.\n";
const char kBadgeDoc[] = "# Badge\n\nLe badge d'accès est remis par l'accueil le premier jour.\n";
const char kQuestion[] = "Combien de jours de congés payés par an ?";

TEST(AnswerCacheShared, UnreachableRedisNeverFailsAnAnswerAndCachesInProcess) {
  TestEnvironment t;
  t.env["REDIS_URL"] = "redis://127.0.0.1:1";  // nothing listens on port 1
  SanadServer server(t.env);
  ApiClient admin(server.port(), admin_token(t.env, server.port()));
  ASSERT_NO_FATAL_FAILURE(ingest(admin, admin.create_folder("RH"), "conges.md", kLeaveDoc));
  ASSERT_GT(wait_same_index(server.port(), server.port(), 0), 0);
  json first = ask(admin, kQuestion);
  ASSERT_TRUE(first["answered"].get<bool>()) << first.dump();
  EXPECT_FALSE(first.contains("cached"));
  json second = ask(admin, kQuestion);
  EXPECT_EQ(second.value("cached", false), true) << second.dump();
  EXPECT_EQ(second["answer"], first["answer"]);
  // Readiness says so, and stays ready: requests still succeed.
  auto ready = http_get(server.port(), "/health/ready");
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(ready->status, 200);
  json checks = json::parse(ready->body)["checks"];
  EXPECT_NE(checks["redis"]["detail"].get<std::string>().find("unreachable"), std::string::npos) << ready->body;
}

#if defined(SANAD_TEST_BACKEND_postgres)
TEST(AnswerCacheShared, AnsweredOnOneInstanceServedFromTheCacheOnTheOtherUntilTheIndexMoves) {
  const char* redis = std::getenv("SANAD_TEST_REDIS_URL");
  if (redis == nullptr || *redis == '\0') {
    GTEST_SKIP() << "SANAD_TEST_REDIS_URL is not set (scripts/test.sh starts a throwaway server)";
  }
  TestEnvironment t;
  t.env["REDIS_URL"] = redis;
  t.env["SECRET_KEY"] = "answer-cache-secret-key-shared-by-both-instances-0123";  // one token, both instances
  SanadServer a(t.env);
  SanadServer b(t.env);
  ApiClient admin(a.port(), admin_token(t.env, a.port()));
  // A reader of one fresh folder: its permission set (that folder's id) is this
  // run's own, so answers cached in Redis by an earlier run can never match.
  std::string folder = admin.create_folder("RH");
  SignedInUser reader = create_signed_in_user(admin, "reader-" + std::to_string(std::random_device{}()) + "@example.org");
  admin.set_permissions(folder, json::array({{{"principal", "user:" + reader.id}, {"permission", "read"}}}));
  ApiClient on_a(a.port(), reader.api->token());
  ApiClient on_b(b.port(), reader.api->token());

  ASSERT_NO_FATAL_FAILURE(ingest(admin, folder, "conges.md", kLeaveDoc));
  long long version = wait_same_index(a.port(), b.port(), 0);
  ASSERT_GT(version, 0) << "both instances reach the same index version";

  json first = ask(on_a, kQuestion);
  ASSERT_TRUE(first["answered"].get<bool>()) << first.dump();
  EXPECT_FALSE(first.contains("cached")) << first.dump();
  json second = ask(on_b, kQuestion);
  EXPECT_EQ(second.value("cached", false), true) << second.dump();
  EXPECT_EQ(second["answer"], first["answer"]);
  EXPECT_EQ(second["citations"], first["citations"]);
  EXPECT_EQ(second["answered"], first["answered"]);
  EXPECT_EQ(metric(b.port(), "sanad_answer_cache_lookups_total{result=\"hit\"}"), 1);
  auto ready = http_get(b.port(), "/health/ready");
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(json::parse(ready->body)["checks"]["redis"]["detail"].get<std::string>().rfind("reachable", 0), 0u)
      << ready->body;

  // An upload (on B) moves the index on both: the stored answer is not served.
  ApiClient admin_on_b(b.port(), admin.token());
  ASSERT_NO_FATAL_FAILURE(ingest(admin_on_b, folder, "badge.md", kBadgeDoc));
  ASSERT_GT(wait_same_index(a.port(), b.port(), version), version);
  json after = ask(on_a, kQuestion);
  ASSERT_TRUE(after["answered"].get<bool>()) << after.dump();
  EXPECT_FALSE(after.contains("cached")) << after.dump();
  // ... and the fresh answer is shared again, in the stream's `done` event too.
  std::string conversation = on_b.expect_json("POST", "/api/conversations", 201, {{"title", ""}})["id"];
  auto stream = http_request(b.port(), "POST", "/api/conversations/" + conversation + "/messages",
                             {{"Authorization", "Bearer " + on_b.token()},
                              {"Content-Type", "application/json"},
                              {"Accept", "text/event-stream"}},
                             json{{"content", kQuestion}}.dump());
  ASSERT_TRUE(stream.has_value());
  ASSERT_EQ(stream->status, 200) << stream->body;
  size_t done = stream->body.find("event: done\ndata: ");
  ASSERT_NE(done, std::string::npos) << stream->body;
  json done_event = json::parse(stream->body.substr(done + 18, stream->body.find('\n', done + 18) - done - 18));
  EXPECT_EQ(done_event.value("cached", false), true) << done_event.dump();
}

#endif

}  // namespace
}  // namespace sanad::testing
