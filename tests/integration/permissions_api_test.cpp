// Folder permissions through the real binary: every object endpoint called with
// another user's ids answers 404 (the caller may not read) or 403 (reads, may not
// change), and never acts; the owner's calls succeed; permission changes are
// audited; the folder tree shows only readable folders.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "accounts_support.h"
#include "api_client.h"
#include "backend.h"
#include "core/config.h"
#include "db/database.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using nlohmann::json;

std::set<std::string> folder_ids(const json& nodes) {
  std::set<std::string> out;
  for (const auto& n : nodes) {
    out.insert(n["id"].get<std::string>());
    for (const auto& id : folder_ids(n["children"])) out.insert(id);
  }
  return out;
}

class PermissionsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<SanadServer>(t_.env);
    admin_ = std::make_unique<ApiClient>(server_->port(), admin_token(t_.env, server_->port()));
    alice_ = create_signed_in_user(*admin_, "alice@example.org");
    bob_ = create_signed_in_user(*admin_, "bob@example.org");
    carol_ = create_signed_in_user(*admin_, "carol@example.org", "editor");
    // Alice manages "Alice", Carol only reads it; Bob manages "Bob".
    alice_folder_ = admin_->create_folder("Alice");
    bob_folder_ = admin_->create_folder("Bob");
    admin_->set_permissions(alice_folder_, json::array({{{"principal", "user:" + alice_.id}, {"permission", "manage"}},
                                                        {{"principal", "user:" + carol_.id}, {"permission", "read"}}}));
    admin_->set_permissions(bob_folder_, json::array({{{"principal", "user:" + bob_.id}, {"permission", "manage"}}}));
  }

  TestEnvironment t_;
  std::unique_ptr<SanadServer> server_;
  std::unique_ptr<ApiClient> admin_;
  SignedInUser alice_, bob_, carol_;
  std::string alice_folder_, bob_folder_;
};

TEST_F(PermissionsApi, EveryObjectEndpointRefusesAnotherUsersIds) {
  // Alice's own objects: a sub-folder, a document (and its job), FAQ entries.
  std::string sub = alice_.api->create_folder("Private", alice_folder_);
  auto uploaded = alice_.api->upload(sub, "alice-notes.md", "# Notes\n\nalice-secret-marker\n");
  ASSERT_EQ(uploaded.status, 202) << uploaded.body;
  json created = json::parse(uploaded.body);
  std::string doc = created["document"]["id"];
  std::string job = created["job_id"];
  EXPECT_EQ(created["document"]["uploader_id"], alice_.id);
  auto faq = alice_.api->call("POST", "/api/faq/import?folder_id=" + sub, "question,answer\nQ alice?,A alice\n",
                              "text/csv");
  ASSERT_EQ(faq.status, 200) << faq.body;

  // Bob may read none of it: 404 everywhere, nothing confirmed, nothing done.
  struct Call {
    std::string method, target, body, content_type;
  };
  const std::vector<Call> bob_calls = {
      {"GET", "/api/documents/" + doc, "", ""},
      {"GET", "/api/documents/" + doc + "/file", "", ""},
      {"DELETE", "/api/documents/" + doc, "", ""},
      {"POST", "/api/documents/" + doc + "/reindex", "", ""},
      {"GET", "/api/documents?folder_id=" + sub, "", ""},
      {"PATCH", "/api/folders/" + sub, R"({"name":"Mine now"})", "application/json"},
      {"PATCH", "/api/folders/" + bob_folder_, json{{"parent_id", sub}}.dump(), "application/json"},
      {"DELETE", "/api/folders/" + sub + "?recursive=true", "", ""},
      {"POST", "/api/folders", json{{"name", "Intrusion"}, {"parent_id", sub}}.dump(), "application/json"},
      {"GET", "/api/folders/" + sub + "/permissions", "", ""},
      {"PUT", "/api/folders/" + sub + "/permissions",
       json{{"entries", {{{"principal", "user:" + bob_.id}, {"permission", "manage"}}}}}.dump(), "application/json"},
      {"GET", "/api/faq?folder_id=" + sub, "", ""},
      {"POST", "/api/faq/import?folder_id=" + sub, "question,answer\nQ bob?,A bob\n", "text/csv"},
      {"GET", "/api/jobs/" + job, "", ""},
      {"POST", "/api/jobs/" + job + "/cancel", "", ""},
      {"GET", "/api/jobs/" + job + "/events", "", ""},
  };
  for (const auto& c : bob_calls) {
    auto r = bob_.api->call(c.method, c.target, c.body, c.content_type.empty() ? "application/json" : c.content_type);
    EXPECT_EQ(r.status, 404) << c.method << " " << c.target << " -> " << r.body;
    EXPECT_EQ(r.body.find("alice-secret-marker"), std::string::npos);
  }
  auto upload = bob_.api->upload(sub, "bob.md", "# Bob\n\nbob was here\n");
  EXPECT_EQ(upload.status, 404) << upload.body;

  // Carol reads but may not change: 403 for changes, reads succeed.
  const std::vector<Call> carol_calls = {
      {"DELETE", "/api/documents/" + doc, "", ""},
      {"POST", "/api/documents/" + doc + "/reindex", "", ""},
      {"PATCH", "/api/folders/" + sub, R"({"name":"Carol's"})", "application/json"},
      {"DELETE", "/api/folders/" + sub + "?recursive=true", "", ""},
      {"POST", "/api/folders", json{{"name", "Carol sub"}, {"parent_id", sub}}.dump(), "application/json"},
      {"GET", "/api/folders/" + sub + "/permissions", "", ""},
      {"PUT", "/api/folders/" + sub + "/permissions", R"({"entries":[]})", "application/json"},
      {"POST", "/api/faq/import?folder_id=" + sub, "question,answer\nQ carol?,A carol\n", "text/csv"},
      {"POST", "/api/jobs/" + job + "/cancel", "", ""},
      {"POST", "/api/folders", R"({"name":"Carol root"})", "application/json"},
  };
  for (const auto& c : carol_calls) {
    auto r = carol_.api->call(c.method, c.target, c.body, c.content_type.empty() ? "application/json" : c.content_type);
    EXPECT_EQ(r.status, 403) << c.method << " " << c.target << " -> " << r.body;
  }
  EXPECT_EQ(carol_.api->upload(sub, "carol.md", "# Carol\n\ncarol\n").status, 403);
  EXPECT_EQ(carol_.api->get("/api/documents/" + doc).status, 200);
  auto file = carol_.api->get("/api/documents/" + doc + "/file");
  EXPECT_EQ(file.status, 200);
  EXPECT_NE(file.body.find("alice-secret-marker"), std::string::npos);
  EXPECT_EQ(carol_.api->get("/api/jobs/" + job).status, 200);
  EXPECT_EQ(carol_.api->expect_json("GET", "/api/faq", 200)["entries"].size(), 1u);
  EXPECT_EQ(bob_.api->expect_json("GET", "/api/faq", 200)["entries"].size(), 0u);

  // Nothing Bob or Carol tried changed anything: Alice still has it all.
  EXPECT_EQ(alice_.api->get("/api/documents/" + doc).status, 200);
  auto own = alice_.api->expect_json("GET", "/api/folders/" + sub + "/permissions", 200);
  EXPECT_TRUE(own["entries"].empty());
  auto tree = alice_.api->expect_json("GET", "/api/folders", 200)["folders"];
  EXPECT_EQ(folder_ids(tree), (std::set<std::string>{alice_folder_, sub}));
  EXPECT_EQ(tree[0]["permission"], "manage");
  EXPECT_EQ(tree[0]["children"][0]["name"], "Private");
  EXPECT_EQ(folder_ids(bob_.api->expect_json("GET", "/api/folders", 200)["folders"]),
            (std::set<std::string>{bob_folder_}));

  // The owner may do what the others could not.
  EXPECT_EQ(alice_.api->call("POST", "/api/documents/" + doc + "/reindex").status, 202);
  EXPECT_EQ(alice_.api->call("PATCH", "/api/folders/" + sub, R"({"name":"Renamed"})").status, 200);
  EXPECT_EQ(alice_.api->call("DELETE", "/api/documents/" + doc).status, 204);
  EXPECT_EQ(admin_->get("/api/documents/" + doc).status, 404);
}

TEST_F(PermissionsApi, PermissionChangesAreValidatedAppliedAtOnceAndAudited) {
  auto uploaded = admin_->upload(bob_folder_, "bob-plan.md", "# Plan\n\nbob-plan-marker\n");
  ASSERT_EQ(uploaded.status, 202) << uploaded.body;
  std::string doc = json::parse(uploaded.body)["document"]["id"];
  EXPECT_EQ(alice_.api->get("/api/documents/" + doc).status, 404);

  // Bob (manage) shares his folder with Alice through a group, then everyone.
  auto group = admin_->expect_json("POST", "/api/groups", 201, {{"name", "Planning"}});
  std::string group_id = group["id"];
  admin_->expect_json("PUT", "/api/groups/" + group_id + "/members", 200, {{"user_ids", {alice_.id}}});
  auto bad = bob_.api->call("PUT", "/api/folders/" + bob_folder_ + "/permissions",
                            R"({"entries":[{"principal":"group:nope","permission":"read"}]})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  bad = bob_.api->call("PUT", "/api/folders/" + bob_folder_ + "/permissions",
                       R"({"entries":[{"principal":"everyone","permission":"admin"}]})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  bob_.api->set_permissions(bob_folder_, json::array({{{"principal", "user:" + bob_.id}, {"permission", "manage"}},
                                                      {{"principal", "group:" + group_id}, {"permission", "read"}}}));
  EXPECT_EQ(alice_.api->get("/api/documents/" + doc).status, 200);
  EXPECT_EQ(carol_.api->get("/api/documents/" + doc).status, 404);
  EXPECT_EQ(alice_.api->get("/api/folders/" + bob_folder_ + "/permissions").status, 403);

  // Removing Alice from the group revokes her access on the next request.
  admin_->expect_json("PUT", "/api/groups/" + group_id + "/members", 200, {{"user_ids", json::array()}});
  EXPECT_EQ(alice_.api->get("/api/documents/" + doc).status, 404);

  bob_.api->set_permissions(bob_folder_, json::array({{{"principal", "user:" + bob_.id}, {"permission", "manage"}},
                                                      {{"principal", "everyone"}, {"permission", "read"}}}));
  EXPECT_EQ(carol_.api->get("/api/documents/" + doc).status, 200);
  auto listed = carol_.api->expect_json("GET", "/api/documents", 200)["documents"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], doc);

  // The changes are in the audit log, with the actor and the entries.
  core::DatabaseConfig config;
  config.url = t_.database->url();
  config.pool_size = 1;
  auto db = db::Database::open(config);
  ASSERT_TRUE(db.is_ok()) << db.status().to_string();
  auto rows = (*db)->query("SELECT actor_id, target, detail FROM audit_log WHERE event = 'folder.permissions' "
                           "ORDER BY at");
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows->size(), 4u);  // two by the administrator in SetUp, two by Bob
  const auto& last = (*rows)[3];
  EXPECT_EQ(last.get_string("actor_id"), bob_.id);
  EXPECT_EQ(last.get_string("target"), bob_folder_);
  json detail = json::parse(last.get_string("detail"));
  EXPECT_EQ(detail["entries"][0]["principal"], "everyone");
  EXPECT_EQ(detail["previous"][0]["principal"], "group:" + group_id);
}

TEST_F(PermissionsApi, MembersCannotCreateRootFoldersAndSeeNothingUngranted) {
  EXPECT_EQ(alice_.api->call("POST", "/api/folders", R"({"name":"Mine"})").status, 403);
  std::string hidden = admin_->create_folder("Hidden");
  std::string shared = admin_->create_folder("Shared", hidden);
  admin_->set_permissions(shared, json::array({{{"principal", "everyone"}, {"permission", "read"}}}));
  auto tree = bob_.api->expect_json("GET", "/api/folders", 200)["folders"];
  // "Shared" surfaces as a root: the name of its unreadable parent is not shown.
  EXPECT_EQ(folder_ids(tree), (std::set<std::string>{bob_folder_, shared}));
  EXPECT_EQ(tree.dump().find("Hidden"), std::string::npos);
  EXPECT_EQ(bob_.api->get("/api/documents?folder_id=" + hidden).status, 404);
  EXPECT_EQ(bob_.api->get("/api/documents?folder_id=" + shared).status, 200);
  // Moving a folder needs manage on it and write on the destination.
  EXPECT_EQ(bob_.api->call("PATCH", "/api/folders/" + bob_folder_, json{{"parent_id", shared}}.dump()).status, 403);
  EXPECT_EQ(bob_.api->call("PATCH", "/api/folders/" + bob_folder_, R"({"parent_id":null})").status, 403);
}

TEST_F(PermissionsApi, FolderGrantCommandOpensARootFolder) {
  auto [code, output] = run_sanad({"folder", "grant", "Démo", "everyone", "read"}, t_.env);
  ASSERT_EQ(code, 0) << output;
  auto tree = alice_.api->expect_json("GET", "/api/folders", 200)["folders"];
  ASSERT_EQ(tree.size(), 2u);  // "Alice" and the demo folder
  std::string demo;
  for (const auto& node : tree) {
    if (node["name"] == "Démo") demo = node["id"];
  }
  ASSERT_FALSE(demo.empty()) << tree.dump();
  auto granted = admin_->expect_json("GET", "/api/folders/" + demo + "/permissions", 200)["entries"];
  EXPECT_EQ(granted, json::parse(R"([{"principal":"everyone","permission":"read"}])"));
  // Again, raising it: the entry is replaced, not duplicated.
  std::tie(code, output) = run_sanad({"folder", "grant", "Démo", "everyone", "write"}, t_.env);
  ASSERT_EQ(code, 0) << output;
  EXPECT_EQ(admin_->expect_json("GET", "/api/folders/" + demo + "/permissions", 200)["entries"].size(), 1u);
  EXPECT_NE(run_sanad({"folder", "grant", "Démo", "nobody", "read"}, t_.env).first, 0);
  EXPECT_NE(run_sanad({"folder", "grant", "Démo", "everyone", "own"}, t_.env).first, 0);
}

}  // namespace
}  // namespace sanad::testing
