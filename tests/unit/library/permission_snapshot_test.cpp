// The in-memory side of folder permissions: inheritance as the highest grant over
// a folder and its ancestors, user, group and everyone principals matched exactly,
// administrators, and the permission and principal names.

#include <gtest/gtest.h>

#include "library/permissions.h"

namespace sanad::library {
namespace {

// Tree: root ─ a ─ b ─ c, and root2 beside it.
PermissionSnapshot sample_snapshot(std::unordered_map<std::string, std::vector<PermissionEntry>> grants) {
  return PermissionSnapshot({{"root", ""}, {"a", "root"}, {"b", "a"}, {"c", "b"}, {"root2", ""}}, std::move(grants));
}

TEST(PermissionSnapshot, ChildrenInheritTheHighestGrantOfAnyAncestor) {
  auto snap = sample_snapshot({{"root", {{"user:u1", Permission::kRead}}},
                               {"b", {{"user:u1", Permission::kWrite}}},
                               {"c", {{"user:u1", Permission::kRead}}}});
  Principal u1{"u1", false, {}};
  EXPECT_EQ(snap.effective(u1, "root"), Permission::kRead);
  EXPECT_EQ(snap.effective(u1, "a"), Permission::kRead);
  EXPECT_EQ(snap.effective(u1, "b"), Permission::kWrite);
  // A lower grant lower down does not reduce what an ancestor gives.
  EXPECT_EQ(snap.effective(u1, "c"), Permission::kWrite);
  EXPECT_EQ(snap.effective(u1, "root2"), Permission::kNone);
  EXPECT_EQ(snap.effective(u1, "missing"), Permission::kNone);

  auto readable = snap.folders_with(u1, Permission::kRead);
  EXPECT_EQ(readable.size(), 4u);
  EXPECT_EQ(readable.count("root2"), 0u);
  auto writable = snap.folders_with(u1, Permission::kWrite);
  EXPECT_EQ(writable.size(), 2u);
  EXPECT_EQ(writable.at("c"), Permission::kWrite);
}

TEST(PermissionSnapshot, GroupAndEveryoneGrantsMatchOnlyTheirPrincipals) {
  auto snap = sample_snapshot({{"a", {{"group:g1", Permission::kManage}}}, {"root2", {{"everyone", Permission::kRead}}}});
  Principal in_group{"u1", false, {"g0", "g1"}};
  Principal outside{"u2", false, {"g2"}};
  Principal anonymous_id{"", false, {}};
  EXPECT_EQ(snap.effective(in_group, "c"), Permission::kManage);
  EXPECT_EQ(snap.effective(in_group, "root"), Permission::kNone);
  EXPECT_EQ(snap.effective(outside, "c"), Permission::kNone);
  EXPECT_EQ(snap.effective(outside, "root2"), Permission::kRead);
  EXPECT_EQ(snap.effective(anonymous_id, "root2"), Permission::kRead);
}

TEST(PermissionSnapshot, PrincipalIdsMustMatchExactlyNotByPrefix) {
  auto snap = sample_snapshot({{"root", {{"user:u1", Permission::kRead}, {"group:g1", Permission::kRead}}}});
  EXPECT_EQ(snap.effective(Principal{"u", false, {"g"}}, "root"), Permission::kNone);
  EXPECT_EQ(snap.effective(Principal{"u10", false, {"g10"}}, "root"), Permission::kNone);
  EXPECT_EQ(snap.effective(Principal{"u1", false, {}}, "root"), Permission::kRead);
}

TEST(PermissionSnapshot, AdministratorsManageEveryFolder) {
  auto snap = sample_snapshot({});
  Principal admin{"x", true, {}};
  EXPECT_EQ(snap.effective(admin, "c"), Permission::kManage);
  EXPECT_EQ(snap.folders_with(admin, Permission::kManage).size(), 5u);
  EXPECT_EQ(snap.effective(admin, "missing"), Permission::kNone);
}

TEST(PermissionNames, ParseAndValidate) {
  EXPECT_EQ(*parse_permission("write"), Permission::kWrite);
  EXPECT_FALSE(parse_permission("none").is_ok());
  EXPECT_FALSE(parse_permission("Read").is_ok());
  EXPECT_EQ(permission_name(Permission::kManage), "manage");
  EXPECT_TRUE(validate_principal("everyone").is_ok());
  EXPECT_TRUE(validate_principal("user:abc").is_ok());
  EXPECT_TRUE(validate_principal("group:abc").is_ok());
  EXPECT_FALSE(validate_principal("user:").is_ok());
  EXPECT_FALSE(validate_principal("users:abc").is_ok());
  EXPECT_FALSE(validate_principal("Everyone").is_ok());
  EXPECT_FALSE(validate_principal("user:a b").is_ok());
  EXPECT_FALSE(validate_principal("group:" + std::string(65, 'x')).is_ok());
}

}  // namespace
}  // namespace sanad::library
