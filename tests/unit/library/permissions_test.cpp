// Folder permissions on a real database: no grants, inheritance, group and
// everyone grants, replacement of a folder's own entries, revocation, folder
// deletion and moves, and document lists kept to given folders.

#include "library/permissions.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "library/library.h"
#include "library_fixture.h"

namespace sanad::library {
namespace {

namespace fs = std::filesystem;

class PermissionsTest : public testing::LibraryFixture {
 protected:
  void SetUp() override {
    LibraryFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    permissions_ = std::make_unique<Permissions>(*db_);
  }

  std::string folder(const std::string& name, const std::optional<std::string>& parent = std::nullopt) {
    auto f = library_->create_folder(name, parent);
    EXPECT_TRUE(f.is_ok()) << f.status().to_string();
    return f.is_ok() ? f->id : std::string();
  }

  Permission effective(const Principal& who, const std::string& id) {
    auto p = permissions_->effective(who, id);
    EXPECT_TRUE(p.is_ok()) << p.status().to_string();
    return p.is_ok() ? *p : Permission::kNone;
  }

  std::unique_ptr<Permissions> permissions_;
};

TEST_P(PermissionsTest, NothingIsReadableWithoutGrants) {
  std::string root = folder("RH");
  std::string child = folder("Congés", root);
  Principal member{"u1", false, {}};
  EXPECT_EQ(effective(member, child), Permission::kNone);
  auto readable = permissions_->readable_folders(member);
  ASSERT_TRUE(readable.is_ok());
  EXPECT_TRUE(readable->empty());
  auto all = permissions_->readable_folders(Principal{"admin", true, {}});
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(all->size(), 2u);
  EXPECT_EQ(permissions_->effective(member, "no-such-folder").status().code(), ErrorCode::kNotFound);
}

TEST_P(PermissionsTest, InheritanceGroupsEveryoneAndRevocation) {
  std::string root = folder("Direction");
  std::string mid = folder("Finance", root);
  std::string leaf = folder("Budgets", mid);
  std::string other = folder("Public");
  Principal alice{"alice", false, {"finance"}};
  Principal bob{"bob", false, {}};

  ASSERT_TRUE(permissions_->replace_entries(root, {{"user:alice", Permission::kRead}}).is_ok());
  ASSERT_TRUE(permissions_->replace_entries(mid, {{"group:finance", Permission::kWrite}}).is_ok());
  ASSERT_TRUE(permissions_->replace_entries(other, {{"everyone", Permission::kRead}}).is_ok());
  EXPECT_EQ(effective(alice, root), Permission::kRead);
  EXPECT_EQ(effective(alice, leaf), Permission::kWrite);
  EXPECT_EQ(effective(bob, leaf), Permission::kNone);
  EXPECT_EQ(effective(bob, other), Permission::kRead);
  auto readable = permissions_->readable_folders(alice);
  ASSERT_TRUE(readable.is_ok());
  EXPECT_EQ(*readable, (std::unordered_set<std::string>{root, mid, leaf, other}));

  // Revoking the ancestor's grant is seen at once by the next question.
  ASSERT_TRUE(permissions_->replace_entries(root, {}).is_ok());
  EXPECT_EQ(effective(alice, root), Permission::kNone);
  EXPECT_EQ(effective(alice, leaf), Permission::kWrite);
  ASSERT_TRUE(permissions_->replace_entries(mid, {}).is_ok());
  EXPECT_EQ(effective(alice, leaf), Permission::kNone);
  readable = permissions_->readable_folders(alice);
  ASSERT_TRUE(readable.is_ok());
  EXPECT_EQ(*readable, (std::unordered_set<std::string>{other}));
}

TEST_P(PermissionsTest, ReplaceEntriesValidatesMergesAndSorts) {
  std::string f = folder("Docs");
  EXPECT_EQ(permissions_->replace_entries("nope", {}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(permissions_->replace_entries(f, {{"someone", Permission::kRead}}).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(permissions_->replace_entries(f, {{"everyone", Permission::kNone}}).status().code(),
            ErrorCode::kInvalidArgument);
  auto stored = permissions_->replace_entries(
      f, {{"user:b", Permission::kRead}, {"everyone", Permission::kRead}, {"user:b", Permission::kManage}});
  ASSERT_TRUE(stored.is_ok()) << stored.status().to_string();
  std::vector<PermissionEntry> expected{{"everyone", Permission::kRead}, {"user:b", Permission::kManage}};
  EXPECT_EQ(*stored, expected);
  auto read_back = permissions_->entries(f);
  ASSERT_TRUE(read_back.is_ok());
  EXPECT_EQ(*read_back, expected);
  // A refused replacement changes nothing.
  EXPECT_FALSE(permissions_->replace_entries(f, {{"user:c", Permission::kRead}, {"bad", Permission::kRead}}).is_ok());
  EXPECT_EQ(*permissions_->entries(f), expected);
  EXPECT_EQ(permissions_->entries("nope").status().code(), ErrorCode::kNotFound);
}

TEST_P(PermissionsTest, DeletingAFolderDropsItsGrantsAndMovingChangesInheritance) {
  std::string a = folder("A");
  std::string b = folder("B");
  std::string child = folder("Child", a);
  ASSERT_TRUE(permissions_->replace_entries(a, {{"user:u", Permission::kRead}}).is_ok());
  ASSERT_TRUE(permissions_->replace_entries(child, {{"user:u", Permission::kRead}}).is_ok());
  Principal u{"u", false, {}};
  EXPECT_EQ(effective(u, child), Permission::kRead);
  ASSERT_TRUE(library_->move_folder(child, b).is_ok());
  ASSERT_TRUE(permissions_->replace_entries(child, {}).is_ok());
  EXPECT_EQ(effective(u, child), Permission::kNone);  // B grants nothing
  ASSERT_TRUE(library_->delete_folder(a, true).is_ok());
  auto rows = db_->query("SELECT COUNT(*) FROM folder_permissions");
  ASSERT_TRUE(rows.is_ok());
  EXPECT_EQ(rows->front().get_int(0), 0);
}

TEST_P(PermissionsTest, DocumentListsKeepToTheGivenFolders) {
  std::string a = folder("A");
  std::string b = folder("B");
  const fs::path fixtures = fs::path(SANAD_SOURCE_DIR) / "tests" / "fixtures" / "documents";
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    if (entry.path().extension() == ".md" || entry.path().extension() == ".txt") names.push_back(entry.path().filename());
  }
  ASSERT_GE(names.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    fs::path copy = fs::path(files_.path()) / ("in-" + std::to_string(i));
    fs::copy_file(fixtures / names[i], copy);
    NewDocument in;
    in.file = copy;
    in.folder_id = i == 0 ? a : b;
    in.original_name = names[i];
    ASSERT_TRUE(library_->create_document(in).is_ok());
  }
  DocumentFilter only_a;
  only_a.folder_ids = std::unordered_set<std::string>{a};
  auto listed = library_->list_documents(only_a);
  ASSERT_TRUE(listed.is_ok()) << listed.status().to_string();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().folder_id, a);
  DocumentFilter none;
  none.folder_ids = std::unordered_set<std::string>{};
  EXPECT_TRUE(library_->list_documents(none)->empty());
  // A set too large for SQL parameters is applied in memory, with the same result.
  DocumentFilter many;
  many.folder_ids = std::unordered_set<std::string>{b};
  for (int i = 0; i < 600; ++i) many.folder_ids->insert("other-" + std::to_string(i));
  listed = library_->list_documents(many);
  ASSERT_TRUE(listed.is_ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().folder_id, b);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionsTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::library
