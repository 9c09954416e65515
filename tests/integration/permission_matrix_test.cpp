// The permission matrix: 20 users in 5 groups, 200 documents (each holding a unique
// marker word, also its title) in a tree of 17 folders with nested user, group and
// everyone grants. For every user, no marker of a document they may not read
// reaches them through get, list, download, the folder tree, search or chat; then a
// revocation made on one server instance is in force on a second instance sharing
// the database within 1 s.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "accounts_support.h"
#include "api_client.h"
#include "backend.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kUsers = 20;
constexpr int kGroups = 5;
constexpr int kDocuments = 200;

// A word no stemmer shortens and no other document contains: "qzx" + 3 consonants.
std::string marker(int n) {
  static const std::string kLetters = "bcdfghjkmnpqrtvwxz";
  std::string out = "qzx";
  for (int i = 0; i < 3; ++i) {
    out += kLetters[static_cast<size_t>(n % 18)];
    n /= 18;
  }
  return out;
}

// The test's own model of the tree and grants: what each user should read.
struct Model {
  struct Folder {
    std::string id;
    std::string parent;  // "" for a root
    std::set<std::string> principals;  // principals granted at least read here
  };
  std::vector<Folder> folders;
  std::map<std::string, std::set<std::string>> principals_of_user;  // user id -> principals it matches

  int add(const std::string& id, int parent) {
    folders.push_back({id, parent < 0 ? "" : folders[static_cast<size_t>(parent)].id, {}});
    return static_cast<int>(folders.size()) - 1;
  }
  const Folder& by_id(const std::string& id) const {
    for (const auto& f : folders)
      if (f.id == id) return f;
    throw std::runtime_error("unknown folder " + id);
  }
  bool reads(const std::string& user, const std::string& folder_id) const {
    const auto& mine = principals_of_user.at(user);
    for (std::string cursor = folder_id; !cursor.empty();) {
      const Folder& f = by_id(cursor);
      for (const auto& p : f.principals)
        if (mine.count(p) != 0) return true;
      cursor = f.parent;
    }
    return false;
  }
};

struct Document {
  std::string id;
  std::string folder_id;
  std::string marker;
  std::string job_id;
};

std::set<std::string> tree_ids(const json& nodes) {
  std::set<std::string> out;
  for (const auto& n : nodes) {
    out.insert(n["id"].get<std::string>());
    auto below = tree_ids(n["children"]);
    out.insert(below.begin(), below.end());
  }
  return out;
}

class PermissionMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    t_.env["SECRET_KEY"] = "matrix-secret-key-shared-by-both-instances-0123456789";
    t_.env["SANAD_WORKERS"] = "2";
    server_a_ = std::make_unique<SanadServer>(t_.env);
    admin_ = std::make_unique<ApiClient>(server_a_->port(), admin_token(t_.env, server_a_->port()));
  }

  // Users u0..u19: u_i in group g_(i%5); u15..u19 also in g_((i+1)%5).
  void create_users_and_groups() {
    for (int i = 0; i < kUsers; ++i) {
      users_.push_back(create_signed_in_user(*admin_, "matrix-user-" + std::to_string(i) + "@example.org"));
    }
    for (int g = 0; g < kGroups; ++g) {
      std::string id = admin_->expect_json("POST", "/api/groups", 201, {{"name", "Matrix " + std::to_string(g)}})["id"];
      groups_.push_back(id);
    }
    std::vector<std::vector<std::string>> members(kGroups);
    for (int i = 0; i < kUsers; ++i) {
      auto& mine = model_.principals_of_user[users_[static_cast<size_t>(i)].id];
      mine = {"everyone", "user:" + users_[static_cast<size_t>(i)].id};
      std::vector<int> gs{i % kGroups};
      if (i >= 15) gs.push_back((i + 1) % kGroups);
      for (int g : gs) {
        members[static_cast<size_t>(g)].push_back(users_[static_cast<size_t>(i)].id);
        mine.insert("group:" + groups_[static_cast<size_t>(g)]);
      }
    }
    for (int g = 0; g < kGroups; ++g) {
      admin_->expect_json("PUT", "/api/groups/" + groups_[static_cast<size_t>(g)] + "/members", 200,
                          {{"user_ids", members[static_cast<size_t>(g)]}});
    }
  }

  // Matrix (no grant) > Dept j (g_j read) > Team j (one user write) > Leaf j
  // (g_(j+1) read); Public (everyone read).
  void create_folders_and_grants() {
    int root = model_.add(admin_->create_folder("Matrix"), -1);
    for (int j = 0; j < kGroups; ++j) {
      const std::string n = std::to_string(j);
      int dept = model_.add(admin_->create_folder("Dept " + n, model_.folders[static_cast<size_t>(root)].id), root);
      int team = model_.add(admin_->create_folder("Team " + n, model_.folders[static_cast<size_t>(dept)].id), dept);
      int leaf = model_.add(admin_->create_folder("Leaf " + n, model_.folders[static_cast<size_t>(team)].id), team);
      grant(dept, "group:" + groups_[static_cast<size_t>(j)], "read");
      grant(team, "user:" + users_[static_cast<size_t>((j * 3 + 2) % kUsers)].id, "write");
      grant(leaf, "group:" + groups_[static_cast<size_t>((j + 1) % kGroups)], "read");
    }
    int pub = model_.add(admin_->create_folder("Public"), -1);
    grant(pub, "everyone", "read");
  }

  void grant(int folder, const std::string& principal, const std::string& permission) {
    auto& f = model_.folders[static_cast<size_t>(folder)];
    f.principals.insert(principal);
    json entries = json::array();
    for (const auto& p : f.principals) entries.push_back({{"principal", p}, {"permission", permission}});
    admin_->set_permissions(f.id, entries);
  }

  void upload_documents_and_wait() {
    for (int n = 0; n < kDocuments; ++n) {
      Document d;
      d.marker = marker(n);
      d.folder_id = model_.folders[static_cast<size_t>(n) % model_.folders.size()].id;
      auto r = admin_->upload(d.folder_id, d.marker + ".md",
                              "# " + d.marker + "\n\nThis note carries the word " + d.marker + " and no other.\n");
      ASSERT_EQ(r.status, 202) << r.body;
      json body = json::parse(r.body);
      d.id = body["document"]["id"];
      d.job_id = body["job_id"];
      documents_.push_back(d);
    }
    std::vector<const Document*> pending;
    for (const auto& d : documents_) pending.push_back(&d);
    auto deadline = std::chrono::steady_clock::now() + 180s;
    while (!pending.empty() && std::chrono::steady_clock::now() < deadline) {
      std::vector<const Document*> still;
      for (const Document* d : pending) {
        std::string state = admin_->expect_json("GET", "/api/jobs/" + d->job_id, 200)["state"];
        ASSERT_NE(state, "failed") << d->marker;
        if (state != "succeeded") still.push_back(d);
      }
      pending.swap(still);
      if (!pending.empty()) std::this_thread::sleep_for(50ms);
    }
    ASSERT_TRUE(pending.empty()) << pending.size() << " documents not ingested in time";
  }

  // Waits until the instance behind `admin` finds every marker (its search index
  // follows the chunk log a little behind ingestion).
  void wait_for_index(ApiClient& admin) {
    auto deadline = std::chrono::steady_clock::now() + 60s;
    for (const auto& d : documents_) {
      while (true) {
        auto r = admin.get("/api/search?q=" + d.marker + "&k=10&mode=lexical");
        ASSERT_EQ(r.status, 200) << r.body;
        if (r.body.find(d.id) != std::string::npos) break;
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << d.marker << " never reached the index";
        std::this_thread::sleep_for(20ms);
      }
    }
  }

  // The whole matrix for one user through `api`.
  void check_user(ApiClient& api, const std::string& user_id, bool with_documents) {
    SCOPED_TRACE("user " + user_id);
    std::set<std::string> readable_docs, readable_folders;
    for (const auto& f : model_.folders)
      if (model_.reads(user_id, f.id)) readable_folders.insert(f.id);
    for (const auto& d : documents_)
      if (readable_folders.count(d.folder_id) != 0) readable_docs.insert(d.id);

    auto tree = api.expect_json("GET", "/api/folders", 200)["folders"];
    EXPECT_EQ(tree_ids(tree), readable_folders);
    auto list = api.get("/api/documents");
    ASSERT_EQ(list.status, 200);
    std::set<std::string> listed;
    const json listed_json = json::parse(list.body);
    for (const auto& d : listed_json["documents"]) listed.insert(d["id"].get<std::string>());
    EXPECT_EQ(listed, readable_docs);
    for (const auto& d : documents_) {
      const bool may = readable_docs.count(d.id) != 0;
      if (!may) {
        EXPECT_EQ(list.body.find(d.marker), std::string::npos) << d.marker;
      }
      if (!with_documents) continue;
      auto got = api.get("/api/documents/" + d.id);
      EXPECT_EQ(got.status, may ? 200 : 404) << d.marker;
      auto file = api.get("/api/documents/" + d.id + "/file");
      EXPECT_EQ(file.status, may ? 200 : 404) << d.marker;
      if (!may) {
        EXPECT_EQ(got.body.find(d.marker), std::string::npos);
        EXPECT_EQ(file.body.find(d.marker), std::string::npos);
      } else {
        EXPECT_NE(file.body.find(d.marker), std::string::npos);
      }
      check_search(api, d, may, readable_docs);
    }
    if (with_documents) check_chat(api, readable_docs);
  }

  // Chat: asked for the sentence of one document it may not read and of one it may,
  // the extractive answer (which quotes its passages verbatim) carries only the latter.
  void check_chat(ApiClient& api, const std::set<std::string>& readable_docs) {
    const Document* hidden = nullptr;
    const Document* visible = nullptr;
    for (const auto& d : documents_) {
      if (readable_docs.count(d.id) == 0 && hidden == nullptr) hidden = &d;
      if (readable_docs.count(d.id) != 0 && visible == nullptr) visible = &d;
    }
    auto conversation = api.expect_json("POST", "/api/conversations", 201, json{{"title", ""}});
    const std::string ask = "/api/conversations/" + conversation["id"].get<std::string>() + "/messages";
    for (const Document* d : {hidden, visible}) {
      if (d == nullptr) continue;
      auto r = api.call("POST", ask, json{{"content", "Which note carries the word " + d->marker + "?"}}.dump());
      ASSERT_EQ(r.status, 200) << r.body;
      if (d == hidden) {
        EXPECT_EQ(r.body.find(d->marker), std::string::npos) << "chat leaked " << d->marker << ": " << r.body;
      } else {
        EXPECT_NE(r.body.find(d->marker), std::string::npos) << "a reader's answer lacks " << d->marker;
      }
    }
  }

  // GET /api/search?q=<marker>: results only among readable documents; the
  // document itself found when readable.
  void check_search(ApiClient& api, const Document& d, bool may, const std::set<std::string>& readable_docs) {
    auto r = api.get("/api/search?q=" + d.marker + "&k=10&mode=lexical");
    ASSERT_EQ(r.status, 200) << r.body;
    bool found = false;
    const json found_json = json::parse(r.body);
    for (const auto& hit : found_json["results"]) {
      std::string doc = hit["document_id"];
      EXPECT_EQ(readable_docs.count(doc), 1u) << "search leaked " << doc << " for " << d.marker;
      found = found || doc == d.id;
    }
    if (may) {
      EXPECT_TRUE(found) << d.marker << " not found by a reader";
    } else {
      EXPECT_EQ(r.body.find(d.marker), std::string::npos) << "search leaked " << d.marker;
    }
  }

  TestEnvironment t_;
  std::unique_ptr<SanadServer> server_a_;
  std::unique_ptr<ApiClient> admin_;
  std::vector<SignedInUser> users_;
  std::vector<std::string> groups_;
  Model model_;
  std::vector<Document> documents_;
};

TEST_F(PermissionMatrix, NoMarkerReachesAUserWhoMayNotReadItAndRevocationsAreSeenWithinOneSecond) {
  ASSERT_NO_FATAL_FAILURE(create_users_and_groups());
  ASSERT_NO_FATAL_FAILURE(create_folders_and_grants());
  ASSERT_NO_FATAL_FAILURE(upload_documents_and_wait());
  ASSERT_NO_FATAL_FAILURE(wait_for_index(*admin_));

  for (auto& u : users_) ASSERT_NO_FATAL_FAILURE(check_user(*u.api, u.id, true));

  // A second instance on the same database; the same SECRET_KEY, so the same tokens.
  SanadServer server_b(t_.env);
  ApiClient admin_on_b(server_b.port(), admin_->token());
  ASSERT_NO_FATAL_FAILURE(wait_for_index(admin_on_b));
  const Model::Folder& dept0 = model_.folders[1];
  ASSERT_EQ(dept0.principals.count("group:" + groups_[0]), 1u);
  const SignedInUser& u0 = users_[0];  // in group 0 only
  std::string probe_doc;
  for (const auto& d : documents_) {
    if (d.folder_id == dept0.id) probe_doc = d.id;
  }
  ApiClient u0_on_b(server_b.port(), u0.api->token());
  ASSERT_EQ(u0_on_b.get("/api/documents/" + probe_doc).status, 200);

  // Revoke group 0's grant on Dept 0 through instance A; poll instance B.
  model_.folders[1].principals.clear();
  admin_->set_permissions(dept0.id, json::array());
  auto revoked_at = std::chrono::steady_clock::now();
  int status = 0;
  while (std::chrono::steady_clock::now() - revoked_at < 1s) {
    status = u0_on_b.get("/api/documents/" + probe_doc).status;
    if (status == 404) break;
    std::this_thread::sleep_for(10ms);
  }
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - revoked_at);
  EXPECT_EQ(status, 404) << "the revocation was not in force on instance B after " << took.count() << " ms";
  std::cout << "revocation in force on instance B after " << took.count() << " ms (" << backend_name() << ")\n";

  // The whole matrix again, on instance B, against the revised model.
  for (auto& u : users_) {
    ApiClient on_b(server_b.port(), u.api->token());
    ASSERT_NO_FATAL_FAILURE(check_user(on_b, u.id, u.id == u0.id || u.id == users_[15].id));
  }
}

}  // namespace
}  // namespace sanad::testing
