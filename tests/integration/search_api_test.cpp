// Search through the real binary: GET /api/search follows uploads and deletes
// within a second, its JSON shape and validation, the index surviving a restart
// (snapshot) and the loss of its snapshot, `sanad search` / `sanad reindex`, and
// POST /api/admin/reindex.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "accounts_support.h"
#include "api_client.h"
#include "backend.h"
#include "http_client.h"
#include "library_support.h"
#include "sanad_process.h"
#include "tiny_model.h"

namespace sanad::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

// One signed-in user on one server, with the few steps these tests repeat.
struct Client {
  ApiClient api;

  std::optional<HttpResponse> request(const std::string& method, const std::string& target,
                                      const std::string& body = "") {
    return api.call(method, target, body);
  }
  json get(const std::string& target) { return api.expect_json("GET", target, 200); }
  std::string create_folder(const std::string& name) { return api.create_folder(name); }
  // Uploads a Markdown document and waits for its ingestion; returns its id.
  std::string add_document(const std::string& folder, const std::string& name, const std::string& content) {
    HttpResponse r = api.upload(folder, name, content);
    if (r.status != 202) throw std::runtime_error("upload failed: " + r.body);
    json accepted = json::parse(r.body);
    std::string job = accepted["job_id"].get<std::string>();
    bool done = eventually([&] { return get("/api/jobs/" + job)["state"] == "succeeded"; });
    if (!done) throw std::runtime_error("ingestion did not succeed");
    return accepted["document"]["id"].get<std::string>();
  }
  std::vector<std::string> titles(const std::string& query) {
    std::vector<std::string> out;
    const json found = get("/api/search?q=" + query);
    for (const auto& hit : found["results"]) out.push_back(hit["title"].get<std::string>());
    return out;
  }
};

Client sign_in_admin(const TestEnvironment& t, const SanadServer& server) {
  try {
    return {ApiClient(server.port(), sign_in(server.port(), "search-admin@example.org", kTestPassword)["access_token"])};
  } catch (const std::runtime_error&) {
    return {ApiClient(server.port(), admin_token(t.env, server.port(), "search-admin@example.org"))};
  }
}

TEST(SearchApi, FollowsUploadsAndDeletesWithinASecond) {
  TestEnvironment t;
  SanadServer server(t.env);
  Client admin = sign_in_admin(t, server);
  std::string folder = admin.create_folder("Consignes");
  EXPECT_TRUE(admin.get("/api/search?q=pangolin")["results"].empty());

  std::string id = admin.add_document(folder, "faune.md", "# Faune\n\nLe pangolin est protégé.\n");
  auto ingested = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] { return !admin.titles("pangolin").empty(); }, 5s));
  EXPECT_LT(std::chrono::steady_clock::now() - ingested, 1s);

  auto r = admin.request("DELETE", "/api/documents/" + id);
  ASSERT_TRUE(r && r->status == 204) << (r ? r->body : "no response");
  auto deleted = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] { return admin.titles("pangolin").empty(); }, 5s));
  EXPECT_LT(std::chrono::steady_clock::now() - deleted, 1s);
}

TEST(SearchApi, ResultShapeHighlightsAndValidation) {
  TestEnvironment t;
  SanadServer server(t.env);
  Client admin = sign_in_admin(t, server);
  std::string folder = admin.create_folder("Guides");
  // An emoji (two UTF-16 units) and Arabic before the match: highlight offsets count
  // UTF-16 code units, as JavaScript indexes strings.
  admin.add_document(folder, "guide.md", "# Guide d'accueil\n\n## Badges\n\n🙂 مرحبا le badge ouvre les portes.\n");
  json body;
  ASSERT_TRUE(eventually([&] {
    body = admin.get("/api/search?q=badge&k=5&mode=lexical");
    return !body["results"].empty();
  }, 5s));
  const json& hit = body["results"][0];
  for (const char* key : {"chunk_id", "document_id", "title", "page", "section", "text", "score", "highlights"}) {
    EXPECT_TRUE(hit.contains(key)) << key << " in " << hit.dump();
  }
  EXPECT_EQ(hit["title"], "guide");
  EXPECT_NE(hit["section"].get<std::string>().find("Badges"), std::string::npos) << hit.dump();
  EXPECT_EQ(body["mode"], "lexical");
  for (const char* key : {"analyze_ms", "lexical_ms", "vector_ms", "fusion_ms", "hydrate_ms", "total_ms"}) {
    EXPECT_TRUE(body["timings"].contains(key)) << key;
  }
  // Find the highlight on "badge" in the body text and check it by UTF-16 units.
  std::string text = hit["text"];
  std::u16string units;
  for (size_t i = 0; i < text.size();) {  // decode UTF-8 into UTF-16
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int j = 1; j < len; ++j) cp = (cp << 6) | (static_cast<unsigned char>(text[i + j]) & 0x3F);
    if (cp > 0xFFFF) {
      units += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      units += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      units += static_cast<char16_t>(cp);
    }
    i += len;
  }
  bool saw_badge = false;
  for (const auto& h : hit["highlights"]) {
    auto from = h[0].get<size_t>(), to = h[1].get<size_t>();
    ASSERT_LE(to, units.size());
    saw_badge |= units.substr(from, to - from) == u"badge";
  }
  EXPECT_TRUE(saw_badge) << hit.dump();

  // The default mode is hybrid; without a model it is lexical and says so.
  json hybrid = admin.get("/api/search?q=badge");
  EXPECT_EQ(hybrid["mode"], "lexical");
  EXPECT_NE(hybrid["note"].get<std::string>().find("no embedding model"), std::string::npos);

  for (const char* bad : {"/api/search", "/api/search?q=", "/api/search?q=x&k=0", "/api/search?q=x&k=101",
                          "/api/search?q=x&k=abc", "/api/search?q=x&mode=fuzzy"}) {
    auto r = admin.request("GET", bad);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad << " " << r->body;
    EXPECT_NE(r->body.find("\"invalid_argument\""), std::string::npos) << r->body;
  }
  auto unknown = admin.request("GET", "/api/search?q=badge&folder_id=nope");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto anonymous = http_get(server.port(), "/api/search?q=badge");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST(SearchApi, TheIndexSurvivesRestartsSnapshotLossAndCommands) {
  TestEnvironment t;
  const fs::path index_dir = fs::path(t.env.at("SANAD_DATA_DIR")) / "index";
  {
    SanadServer server(t.env);
    Client admin = sign_in_admin(t, server);
    std::string folder = admin.create_folder("Sécurité");
    admin.add_document(folder, "incendie.md", "# Incendie\n\nLe point de rassemblement est le parking nord.\n");
    ASSERT_TRUE(eventually([&] { return admin.titles("rassemblement").size() == 1; }, 5s));
    server.process().send_signal(SIGTERM);
    ASSERT_EQ(server.process().wait(20s), 0);
  }
  ASSERT_TRUE(fs::exists(index_dir / "search-lexical.snapshot"));

  // The command line reads the same index.
  auto [code, out] = run_sanad({"search", "rassemblement", "--json"}, t.env);
  ASSERT_EQ(code, 0) << out;
  json found = json::parse(out.substr(out.find('{')));
  ASSERT_EQ(found["results"].size(), 1u) << out;
  EXPECT_EQ(found["results"][0]["title"], "incendie");

  // Losing the snapshot loses nothing: the next start rebuilds it.
  fs::remove_all(index_dir);
  {
    SanadServer server(t.env);
    Client admin = sign_in_admin(t, server);
    EXPECT_EQ(admin.titles("rassemblement").size(), 1u);
  }
  auto [rebuilt, report] = run_sanad({"reindex"}, t.env);
  EXPECT_EQ(rebuilt, 0) << report;
  EXPECT_NE(report.find("1 chunks"), std::string::npos) << report;
  auto [vectorize, why] = run_sanad({"reindex", "--vectorize"}, t.env);
  EXPECT_NE(vectorize, 0) << why;
}

TEST(SearchApi, AdministratorsRebuildTheIndexThroughAJob) {
  TestEnvironment t;
  SanadServer server(t.env);
  Client admin = sign_in_admin(t, server);
  std::string folder = admin.create_folder("Notes");
  admin.add_document(folder, "note.md", "# Note\n\nLe mot du jour est capybara.\n");

  auto r = admin.request("POST", "/api/admin/reindex", "{}");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  std::string job = json::parse(r->body)["job_id"];
  ASSERT_TRUE(eventually([&] { return admin.get("/api/jobs/" + job)["state"] == "succeeded"; }));
  EXPECT_EQ(admin.titles("capybara").size(), 1u);

  r = admin.request("POST", "/api/admin/reindex", R"({"vectorize": true})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;

  ASSERT_EQ(create_account(t.env, "member@example.org", kTestPassword, false).first, 0);
  Client member{ApiClient(server.port(), sign_in(server.port(), "member@example.org", kTestPassword)["access_token"])};
  r = member.request("POST", "/api/admin/reindex", "{}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

TEST(SearchApi, WithAnEmbeddingModelChunksGetVectorsAndVectorSearchWorks) {
  TestEnvironment t;
  const std::string model = (fs::path(t.env.at("SANAD_DATA_DIR")).parent_path() / "tiny-model").string();
  write_tiny_bert(model);
  {
    // Documents indexed before the model was configured have no vectors...
    SanadServer server(t.env);
    Client admin = sign_in_admin(t, server);
    admin.add_document(admin.create_folder("Avant"), "avant.md", "# Avant\n\nthe quick brown fox\n");
  }
  t.env["EMBEDDING_MODEL"] = model;
  SanadServer server(t.env);
  Client admin = sign_in_admin(t, server);
  // ...documents ingested with it get them as part of their ingestion job.
  admin.add_document(admin.create_folder("Après"), "apres.md", "# Après\n\nhello world\n");
  json vector;
  ASSERT_TRUE(eventually([&] {
    vector = admin.get("/api/search?q=hello%20world&mode=vector");
    return vector["mode"] == "vector" && vector["results"].size() == 1;
  }, 5s)) << vector.dump();
  json hybrid = admin.get("/api/search?q=hello%20world");
  EXPECT_EQ(hybrid["mode"], "hybrid") << hybrid.dump();
  EXPECT_FALSE(hybrid.contains("note")) << hybrid.dump();

  // Vectorizing through the admin job gives the older document its vector too.
  auto r = admin.request("POST", "/api/admin/reindex", R"({"vectorize": true})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  std::string job = json::parse(r->body)["job_id"];
  ASSERT_TRUE(eventually([&] { return admin.get("/api/jobs/" + job)["state"] == "succeeded"; }));
  ASSERT_TRUE(eventually([&] { return admin.get("/api/search?q=fox&mode=vector&k=5")["results"].size() == 2; }, 5s));

  // The same works offline, and with int8 vector storage.
  auto [code, out] = run_sanad({"reindex", "--vectorize"}, t.env);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("2 with vectors"), std::string::npos) << out;
  auto env = t.env;
  env["SANAD_VECTOR_STORAGE"] = "int8";
  auto [int8_code, int8_out] = run_sanad({"search", "hello world", "--mode", "vector", "--json"}, env);
  ASSERT_EQ(int8_code, 0) << int8_out;
  json int8 = json::parse(int8_out.substr(int8_out.find('{')));
  EXPECT_EQ(int8["mode"], "vector");
  ASSERT_EQ(int8["results"].size(), 2u) << int8_out;
  EXPECT_EQ(int8["results"][0]["title"], vector["results"][0]["title"]);
}

}  // namespace
}  // namespace sanad::testing
