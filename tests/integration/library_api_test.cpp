// The document library through the real binary: uploads (202, dedupe, 413, 415),
// ingestion jobs to ready, downloads, deletes with their chunk events, folders,
// `sanad index` and `sanad import-faq` run twice, and ingestion surviving SIGKILL.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "accounts_support.h"
#include "backend.h"
#include "core/config.h"
#include "db/database.h"
#include "db/migrate.h"
#include "http_client.h"
#include "library_support.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

// Every library route needs a signed-in user: requests in this file carry the token
// of an administrator of the server they go to (see authorize()).
std::map<uint16_t, std::string>& tokens_by_port() {
  static std::map<uint16_t, std::string> tokens;
  return tokens;
}

// Signs in as this file's administrator on the server at `port`, creating the
// account (through `sanad user create`) the first time.
void authorize(const std::map<std::string, std::string>& env, uint16_t port) {
  const std::string email = "library-admin@example.org";
  std::string token;
  try {
    token = sign_in(port, email, kTestPassword)["access_token"].get<std::string>();
  } catch (const std::runtime_error&) {
    token = admin_token(env, port, email);
  }
  tokens_by_port()[port] = token;
}

std::optional<HttpResponse> http_request(uint16_t port, const std::string& method, const std::string& target,
                                         std::map<std::string, std::string> headers = {},
                                         const std::string& body = "") {
  if (auto it = tokens_by_port().find(port); it != tokens_by_port().end()) {
    headers.emplace("Authorization", "Bearer " + it->second);
  }
  return sanad::testing::http_request(port, method, target, headers, body);
}

std::optional<HttpResponse> http_get(uint16_t port, const std::string& target,
                                     std::map<std::string, std::string> headers = {}) {
  return http_request(port, "GET", target, std::move(headers));
}

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

const fs::path kDemo = fs::path(SANAD_SOURCE_DIR) / "demo";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The test's database, opened from the test process like another instance would.
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
  }
  int64_t count(const std::string& sql, const db::Params& params = {}) {
    auto rows = db->query(sql, params);
    if (!rows) throw std::runtime_error(rows.status().to_string());
    return rows->front().get_int(0);
  }
  std::unique_ptr<db::Database> db;
};

std::optional<HttpResponse> upload(uint16_t port, const std::string& folder_id, const std::string& file_name,
                                   const std::string& content) {
  return http_request(port, "POST", "/api/documents",
                      {{"Content-Type", std::string("multipart/form-data; boundary=") + kMultipartBoundary}},
                      multipart_body({{"folder_id", folder_id}}, file_name, content));
}

std::string create_folder(uint16_t port, const std::string& name, const std::string& parent = "") {
  json body = {{"name", name}};
  if (!parent.empty()) body["parent_id"] = parent;
  auto r = http_request(port, "POST", "/api/folders", {{"Content-Type", "application/json"}}, body.dump());
  if (!r || r->status != 201)
    throw std::runtime_error("folder creation failed: " + (r ? r->body : "no response"));
  return json::parse(r->body)["id"].get<std::string>();
}

json get_json(uint16_t port, const std::string& target) {
  auto r = http_get(port, target);
  if (!r) throw std::runtime_error("no response for " + target);
  return json::parse(r->body);
}

TEST(LibraryApi, UploadIngestDedupeDownloadAndDelete) {
  TestEnvironment t;
  SanadServer server(t.env);
  authorize(t.env, server.port());
  DirectAccess direct(t.database->url());
  std::string folder = create_folder(server.port(), "Politiques");
  std::string docx = read_file(kDemo / "documents" / "teletravail.docx");
  ASSERT_FALSE(docx.empty());

  auto first = upload(server.port(), folder, "Télétravail été.docx", docx);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 202) << first->body;
  json accepted = json::parse(first->body);
  std::string id = accepted["document"]["id"].get<std::string>();
  std::string job = accepted["job_id"].get<std::string>();
  ASSERT_FALSE(job.empty());

  // The job's event stream ends with `done`, the job succeeded.
  auto events = http_get(server.port(), "/api/jobs/" + job + "/events");
  ASSERT_TRUE(events);
  auto done = events->body.rfind("event: done");
  ASSERT_NE(done, std::string::npos) << events->body;
  EXPECT_NE(events->body.find("\"succeeded\"", done), std::string::npos) << events->body;

  json doc = get_json(server.port(), "/api/documents/" + id);
  EXPECT_EQ(doc["status"], "ready") << doc.dump();
  EXPECT_GT(doc["chunks"].get<int>(), 0);
  EXPECT_EQ(doc["original_name"], "Télétravail été.docx");
  // Who uploaded it and who made its folder: the signed-in user.
  const std::string me = get_json(server.port(), "/api/me")["id"].get<std::string>();
  ASSERT_FALSE(me.empty());
  EXPECT_EQ(doc["uploader_id"], me) << doc.dump();
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM documents WHERE id = ? AND uploader_id = ?", {id, me}), 1);
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM folders WHERE id = ? AND created_by = ?", {folder, me}), 1);
  int64_t chunks = direct.count("SELECT COUNT(*) FROM chunks WHERE document_id = ?", {id});
  EXPECT_EQ(chunks, doc["chunks"].get<int64_t>());
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM chunk_events WHERE op = 'insert' AND document_id = ?", {id}),
            chunks);

  auto job_json = get_json(server.port(), "/api/jobs/" + job);
  EXPECT_EQ(job_json["progress"]["chunks_done"].get<int64_t>(), chunks) << job_json.dump();

  // The same content again: the same document.
  auto again = upload(server.port(), folder, "copy.docx", docx);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 202);
  EXPECT_EQ(json::parse(again->body)["document"]["id"], id);
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM documents"), 1);

  auto list = get_json(server.port(), "/api/documents?folder_id=" + folder + "&q=TÉLÉ");
  EXPECT_EQ(list["documents"].size(), 1u) << list.dump();

  auto file = http_get(server.port(), "/api/documents/" + id + "/file");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  EXPECT_EQ(file->body, docx);
  EXPECT_NE(
      file->header("content-disposition").find("filename*=UTF-8''T%C3%A9l%C3%A9travail%20%C3%A9t%C3%A9.docx"),
      std::string::npos)
      << file->header("content-disposition");

  fs::path stored = fs::path(t.env.at("SANAD_DATA_DIR")) / "uploads" / id.substr(0, 2) / id;
  EXPECT_TRUE(fs::exists(stored));
  auto removed = http_request(server.port(), "DELETE", "/api/documents/" + id);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 204);
  EXPECT_FALSE(fs::exists(stored));
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM chunks"), 0);
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM chunk_events WHERE op = 'delete' AND document_id = ?", {id}),
            chunks);
  EXPECT_EQ(http_get(server.port(), "/api/documents/" + id)->status, 404);
}

TEST(LibraryApi, OversizedUploadIs413AndUnsupportedTypesAre415) {
  TestEnvironment t;
  t.env["SANAD_MAX_UPLOAD_BYTES"] = "100000";
  SanadServer server(t.env);
  authorize(t.env, server.port());
  DirectAccess direct(t.database->url());
  std::string folder = create_folder(server.port(), "Limites");

  auto big = upload(server.port(), folder, "big.md", std::string(100001, 'a'));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413) << big->body;

  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde", 33);
  auto image = upload(server.port(), folder, "notes.md", png);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->status, 415) << image->body;

  auto elf = upload(server.port(), folder, "manual.pdf", read_file("/bin/true"));
  ASSERT_TRUE(elf);
  EXPECT_EQ(elf->status, 415) << elf->body;
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM documents"), 0);
  // Nothing left behind in the spool directory.
  fs::path incoming = fs::path(t.env.at("SANAD_DATA_DIR")) / "uploads" / "incoming";
  EXPECT_TRUE(eventually([&] { return fs::is_empty(incoming); }, 5s));
}

TEST(LibraryApi, FoldersRenameMoveAndDelete) {
  TestEnvironment t;
  SanadServer server(t.env);
  authorize(t.env, server.port());
  std::string a = create_folder(server.port(), "RH");
  std::string b = create_folder(server.port(), "Congés", a);
  auto dup = http_request(server.port(), "POST", "/api/folders", {{"Content-Type", "application/json"}},
                          R"({"name": "rh"})");
  ASSERT_TRUE(dup);
  EXPECT_EQ(dup->status, 409);
  auto cycle = http_request(server.port(), "PATCH", "/api/folders/" + a,
                            {{"Content-Type", "application/json"}}, json{{"parent_id", b}}.dump());
  ASSERT_TRUE(cycle);
  EXPECT_EQ(cycle->status, 400) << cycle->body;
  auto renamed =
      http_request(server.port(), "PATCH", "/api/folders/" + b, {{"Content-Type", "application/json"}},
                   R"({"name": "Absences", "parent_id": null})");
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->status, 200) << renamed->body;
  auto tree = get_json(server.port(), "/api/folders");
  ASSERT_EQ(tree["folders"].size(), 2u) << tree.dump();
  EXPECT_EQ(tree["folders"][0]["name"], "Absences");
  (void)create_folder(server.port(), "Archives", a);
  EXPECT_EQ(http_request(server.port(), "DELETE", "/api/folders/" + a)->status, 409);
  EXPECT_EQ(http_request(server.port(), "DELETE", "/api/folders/" + a + "?recursive=true")->status, 204);
  EXPECT_EQ(get_json(server.port(), "/api/folders")["folders"].size(), 1u);
  auto categories = get_json(server.port(), "/api/categories");
  EXPECT_TRUE(categories["categories"].is_array());
}

TEST(LibraryApi, FaqImportOverHttpUpsertsAndReportsBadRows) {
  TestEnvironment t;
  SanadServer server(t.env);
  authorize(t.env, server.port());
  const std::string csv =
      "question;answer;category\n"
      "Combien de jours de congé ?;25 jours ouvrés.;conges\n"
      ";sans question\n"
      "\"Qui appeler\nen cas d'incendie ?\";Le 18, puis l'accueil.;securite\n";
  auto first = http_request(server.port(), "POST", "/api/faq/import", {{"Content-Type", "text/csv"}}, csv);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  json report = json::parse(first->body);
  EXPECT_EQ(report["inserted"], 2) << report.dump();
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_EQ(report["errors"][0]["line"], 3);
  auto second = http_request(server.port(), "POST", "/api/faq/import", {{"Content-Type", "text/csv"}}, csv);
  ASSERT_TRUE(second);
  EXPECT_EQ(json::parse(second->body)["unchanged"], 2) << second->body;
  auto list = get_json(server.port(), "/api/faq");
  EXPECT_EQ(list["entries"].size(), 2u) << list.dump();
}

TEST(LibraryCli, IndexAndImportFaqTwice) {
  TestEnvironment t;
  auto init = run_sanad({"categories", "init"}, t.env);
  ASSERT_EQ(init.first, 0) << init.second;
  auto init_again = run_sanad({"categories", "init"}, t.env);
  EXPECT_NE(init_again.second.find("0 created"), std::string::npos) << init_again.second;

  // A copy of the demo documents, so a file can be removed.
  fs::path tree = fs::path(t.database->dir().path()) / "corpus";
  fs::copy(kDemo / "documents", tree, fs::copy_options::recursive);
  auto first = run_sanad({"index", tree.string(), "--folder", "Démo"}, t.env);
  ASSERT_EQ(first.first, 0) << first.second;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(tree)) files += entry.is_regular_file() ? 1 : 0;
  EXPECT_NE(first.second.find(std::to_string(files) + " added"), std::string::npos) << first.second;

  auto second = run_sanad({"index", tree.string(), "--folder", "Démo"}, t.env);
  ASSERT_EQ(second.first, 0) << second.second;
  EXPECT_NE(second.second.find("0 added, 0 updated, " + std::to_string(files) + " unchanged"),
            std::string::npos)
      << second.second;

  fs::remove(tree / "premiers-secours.md");
  {
    std::ofstream(tree / "it-security-essentials.md", std::ios::app) << "\n\nNew section: report phishing.\n";
  }
  auto third = run_sanad({"index", tree.string(), "--folder", "Démo"}, t.env);
  ASSERT_EQ(third.first, 0) << third.second;
  EXPECT_NE(third.second.find("1 updated"), std::string::npos) << third.second;
  EXPECT_NE(third.second.find("1 removed"), std::string::npos) << third.second;

  DirectAccess direct(t.database->url());
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM documents"), static_cast<int64_t>(files - 1));
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM documents WHERE status <> 'ready'"), 0);

  std::string csv = (kDemo / "faq.csv").string();
  auto faq = run_sanad({"import-faq", "--csv", csv, "--folder", "Démo"}, t.env);
  ASSERT_EQ(faq.first, 0) << faq.second;
  int64_t entries = direct.count("SELECT COUNT(*) FROM faq_entries");
  EXPECT_GT(entries, 10);
  auto faq_again = run_sanad({"import-faq", "--csv", csv, "--folder", "Démo"}, t.env);
  ASSERT_EQ(faq_again.first, 0) << faq_again.second;
  EXPECT_NE(faq_again.second.find("0 added"), std::string::npos) << faq_again.second;
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM faq_entries"), entries);
}

// Extraction children (sanad-extract) alive whose request names a file under
// `upload_dir`. (They die with the server that started them: PR_SET_PDEATHSIG.)
std::vector<pid_t> extractor_pids(const fs::path& upload_dir) {
  std::vector<pid_t> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (cmdline.find("sanad-extract") != std::string::npos &&
        cmdline.find(upload_dir.string()) != std::string::npos) {
      found.push_back(static_cast<pid_t>(std::stol(name)));
    }
  }
  return found;
}
int live_extractors(const fs::path& upload_dir) { return static_cast<int>(extractor_pids(upload_dir).size()); }

// A Markdown handbook large enough that ingestion takes a while.
std::string big_markdown() {
  std::string out;
  for (int section = 0; section < 120; ++section) {
    out += "# Chapitre " + std::to_string(section) + "\n\n";
    for (int p = 0; p < 60; ++p) {
      out += "Article " + std::to_string(section * 100 + p) +
             ". Les salariés bénéficient de congés payés calculés selon leur ancienneté et leur temps de "
             "travail effectif. La demande est adressée au responsable hiérarchique au moins quinze jours "
             "avant le départ. Toute absence non justifiée fait l'objet d'un entretien.\n\n";
    }
  }
  return out;
}

// The watchdog and the crash report through the real server: the test finds the
// sanad-extract child of an upload, stops it (a hang) or crashes it (SIGSEGV).
TEST(LibraryApi, HungOrCrashedExtractorFailsOnlyItsDocument) {
  TestEnvironment t;
  t.env["SANAD_EXTRACT_TIMEOUT_SECONDS"] = "3";
  const fs::path upload_dir = fs::path(t.database->dir().path()) / "uploads";
  t.env["UPLOAD_DIR"] = upload_dir.string();
  SanadServer server(t.env);
  authorize(t.env, server.port());
  DirectAccess direct(t.database->url());
  std::string folder = create_folder(server.port(), "Pièges");
  const std::string content = big_markdown();

  // Uploads `name`, finds its extractor, sends it `signals`; returns the document id.
  auto upload_and_signal = [&](const std::string& name, std::initializer_list<int> signals) {
    auto r = upload(server.port(), folder, name, "# " + name + "\n\n" + content);
    EXPECT_TRUE(r && r->status == 202) << (r ? r->body : "no response");
    std::vector<pid_t> pids;
    EXPECT_TRUE(eventually([&] { return !(pids = extractor_pids(upload_dir)).empty(); }, 30s));
    for (pid_t pid : pids) {
      for (int sig : signals) ::kill(pid, sig);
    }
    return r ? json::parse(r->body)["document"]["id"].get<std::string>() : std::string();
  };
  auto settled = [&](const std::string& id) {
    return eventually([&] {
      return direct.count("SELECT COUNT(*) FROM documents WHERE id = ? AND status IN ('ready', 'failed')", {id}) > 0;
    });
  };

  const std::string hung = upload_and_signal("hung.md", {SIGSTOP});
  ASSERT_TRUE(settled(hung));
  json doc = get_json(server.port(), "/api/documents/" + hung);
  EXPECT_EQ(doc["status"], "failed") << doc.dump();
  EXPECT_EQ(doc["error"], "extraction timed out after 3 s") << doc.dump();

  const std::string crashed = upload_and_signal("crashed.md", {SIGSTOP, SIGSEGV, SIGCONT});
  ASSERT_TRUE(settled(crashed));
  doc = get_json(server.port(), "/api/documents/" + crashed);
  EXPECT_EQ(doc["status"], "failed") << doc.dump();
  EXPECT_EQ(doc["error"], "the extractor crashed (signal 11)") << doc.dump();

  // Neither is retried (it would only hang or crash again), nothing is left running,
  // and the server goes on extracting.
  EXPECT_TRUE(eventually([&] { return direct.count("SELECT COUNT(*) FROM jobs WHERE state = 'failed'") == 2; }));
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM chunks"), 0);
  EXPECT_TRUE(eventually([&] { return live_extractors(upload_dir) == 0; }, 10s));
  auto fine = upload(server.port(), folder, "fine.md", "# Fine\n\nUn document ordinaire.\n");
  ASSERT_TRUE(fine && fine->status == 202);
  const std::string id = json::parse(fine->body)["document"]["id"].get<std::string>();
  ASSERT_TRUE(settled(id));
  EXPECT_EQ(get_json(server.port(), "/api/documents/" + id)["status"], "ready");
}

TEST(LibraryRecovery, IngestionKilledAtRandomPointsEndsWithOneSetOfChunks) {
  TestEnvironment t;
  t.env["SANAD_JOB_LEASE_MS"] = "1000";
  // Every job may be killed in several rounds; with enough attempts each must still
  // end succeeded (a job whose worker died too often is failed by design).
  t.env["SANAD_JOB_MAX_ATTEMPTS"] = "100";
  // A fixed signing key, so one sign-in serves every restarted server.
  t.env["SECRET_KEY"] = "recovery-test-signing-key-0123456789abcdef";
  const fs::path upload_dir = fs::path(t.database->dir().path()) / "uploads";
  t.env["UPLOAD_DIR"] = upload_dir.string();
  DirectAccess direct(t.database->url());
  const std::string content = big_markdown();
  std::string id;
  std::string token;
  constexpr int kKills = 20;
  const unsigned seed = static_cast<unsigned>(std::chrono::system_clock::now().time_since_epoch().count());
  std::mt19937 random(seed);
  int64_t interrupted = 0;  // rounds whose job had not finished when killed
  for (int round = 0; round < kKills; ++round) {
    SCOPED_TRACE("round " + std::to_string(round) + ", seed " + std::to_string(seed));
    SanadServer server(t.env);
    if (token.empty()) {
      authorize(t.env, server.port());
      token = tokens_by_port()[server.port()];
    } else {
      tokens_by_port()[server.port()] = token;
    }
    std::string job;
    if (round == 0) {
      std::string folder = create_folder(server.port(), "Manuel");
      auto r = upload(server.port(), folder, "manuel.md", content);
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 202) << r->body;
      id = json::parse(r->body)["document"]["id"].get<std::string>();
      job = json::parse(r->body)["job_id"].get<std::string>();
    } else {
      auto r = http_request(server.port(), "POST", "/api/documents/" + id + "/reindex");
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 202) << r->body;
      job = json::parse(r->body)["job_id"].get<std::string>();
    }
    // Kill at a random point of a random phase: queued, running (extracting in
    // the child), with progress (chunks spooled or being stored).
    const int phase = std::uniform_int_distribution<int>(0, 2)(random);
    if (phase >= 1) {
      eventually([&] {
        return direct.count(
                   "SELECT COUNT(*) FROM jobs WHERE id = ? AND (state <> 'queued' OR progress IS NOT NULL)",
                   {job}) > 0;
      });
    }
    if (phase == 2) {
      eventually([&] {
        return direct.count("SELECT COUNT(*) FROM jobs WHERE id = ? AND progress IS NOT NULL", {job}) > 0;
      });
    }
    // Not synchronisation: where in the work the kill lands.
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 150)(random)));
    server.process().send_signal(SIGKILL);
    ASSERT_TRUE(server.process().wait(10s));
    interrupted += direct.count("SELECT COUNT(*) FROM jobs WHERE id = ? AND state <> 'succeeded'", {job});
    // Whatever the point, never two sets of chunks, and no extractor left behind.
    EXPECT_LE(direct.count("SELECT COUNT(*) FROM chunks WHERE document_id = ?", {id}),
              direct.count("SELECT COUNT(DISTINCT ordinal) FROM chunks WHERE document_id = ?", {id}));
    EXPECT_TRUE(eventually([&] { return live_extractors(upload_dir) == 0; }, 10s)) << "an orphaned extractor";
  }

  // The kills must have hit unfinished work, or this test proves nothing.
  EXPECT_GE(interrupted, kKills / 2);
  std::printf("killed %lld of %d ingestion rounds before they finished (seed %u)\n",
              static_cast<long long>(interrupted), kKills, seed);

  SanadServer server(t.env);
  tokens_by_port()[server.port()] = token;
  ASSERT_TRUE(eventually(
      [&] { return direct.count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')") == 0; },
      120s))
      << "a job is stuck";
  json doc = get_json(server.port(), "/api/documents/" + id);
  EXPECT_EQ(doc["status"], "ready") << doc.dump();
  int64_t chunks = direct.count("SELECT COUNT(*) FROM chunks WHERE document_id = ?", {id});
  EXPECT_GT(chunks, 100);
  EXPECT_EQ(chunks, doc["chunks"].get<int64_t>());
  EXPECT_EQ(direct.count("SELECT COUNT(DISTINCT ordinal) FROM chunks WHERE document_id = ?", {id}), chunks);
  EXPECT_EQ(direct.count("SELECT MAX(ordinal) FROM chunks WHERE document_id = ?", {id}), chunks - 1);
  // No chunk without its document.
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM chunks WHERE document_id NOT IN (SELECT id FROM documents)"), 0);
  // The change log agrees with the table: inserts minus deletes is what is there,
  // chunk by chunk.
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM chunk_events WHERE op = 'insert'") -
                direct.count("SELECT COUNT(*) FROM chunk_events WHERE op = 'delete'"),
            chunks);
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM chunks WHERE id NOT IN "
                         "(SELECT chunk_id FROM chunk_events WHERE op = 'insert')"),
            0);
  EXPECT_EQ(direct.count("SELECT COUNT(*) FROM jobs WHERE state <> 'succeeded'"), 0);
  EXPECT_EQ(live_extractors(upload_dir), 0);
}

}  // namespace
}  // namespace sanad::testing
