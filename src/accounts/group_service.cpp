#include "accounts/group_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/ids.h"
#include "core/strings.h"

namespace sanad::accounts {

Result<Group> GroupService::create(std::string_view raw_name) {
  std::string name(core::trim(raw_name));
  if (name.empty()) return invalid_argument("the group name is empty");
  if (name.size() > 200) return invalid_argument("the group name is longer than 200 bytes");
  Group g;
  g.id = core::new_id();
  g.name = name;
  g.created_at_ms = core::now_ms();
  auto n = db_.exec("INSERT INTO groups (id, name, name_normalized, created_at) VALUES (?, ?, ?, ?)",
                    {g.id, g.name, core::ascii_lower(name), g.created_at_ms});
  if (!n) {
    if (n.status().code() == ErrorCode::kAlreadyExists) return already_exists("a group with this name exists");
    return n.status();
  }
  return g;
}

Result<Group> GroupService::get(std::string_view id) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("SELECT id, name, created_at FROM groups WHERE id = ?", {std::string(id)}));
  if (rows.empty()) return not_found("no such group");
  Group g;
  g.id = rows.front().get_string("id");
  g.name = rows.front().get_string("name");
  g.created_at_ms = rows.front().get_int("created_at");
  SANAD_ASSIGN_OR_RETURN(db::Rows members, db_.query("SELECT user_id FROM group_members WHERE group_id = ? "
                                                     "ORDER BY user_id",
                                                     {g.id}));
  for (const db::Row& row : members) g.member_ids.push_back(row.get_string("user_id"));
  return g;
}

Result<std::vector<Group>> GroupService::list() {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query("SELECT id, name, created_at FROM groups ORDER BY name_normalized"));
  SANAD_ASSIGN_OR_RETURN(db::Rows members,
                         db_.query("SELECT group_id, user_id FROM group_members ORDER BY group_id, user_id"));
  std::map<std::string, std::vector<std::string>> by_group;
  for (const db::Row& row : members) by_group[row.get_string("group_id")].push_back(row.get_string("user_id"));
  std::vector<Group> groups;
  for (const db::Row& row : rows) {
    Group g;
    g.id = row.get_string("id");
    g.name = row.get_string("name");
    g.created_at_ms = row.get_int("created_at");
    if (auto it = by_group.find(g.id); it != by_group.end()) g.member_ids = std::move(it->second);
    groups.push_back(std::move(g));
  }
  return groups;
}

Result<Group> GroupService::set_members(std::string_view group_id, const std::vector<std::string>& user_ids) {
  std::set<std::string> unique(user_ids.begin(), user_ids.end());
  std::string gid(group_id);
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(db::Rows found, c.query("SELECT id FROM groups WHERE id = ?", {gid}));
    if (found.empty()) return not_found("no such group");
    for (const std::string& uid : unique) {
      SANAD_ASSIGN_OR_RETURN(db::Rows user, c.query("SELECT id FROM users WHERE id = ?", {uid}));
      if (user.empty()) return invalid_argument("unknown user id: " + uid);
    }
    SANAD_ASSIGN_OR_RETURN(int64_t removed, c.exec("DELETE FROM group_members WHERE group_id = ?", {gid}));
    (void)removed;
    for (const std::string& uid : unique) {
      SANAD_ASSIGN_OR_RETURN(int64_t added,
                             c.exec("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)", {gid, uid}));
      (void)added;
    }
    return Status::ok();
  });
  if (!s) return s;
  return get(gid);
}

Result<std::vector<std::string>> GroupService::groups_of(std::string_view user_id) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query("SELECT group_id FROM group_members WHERE user_id = ? "
                                                  "ORDER BY group_id",
                                                  {std::string(user_id)}));
  std::vector<std::string> ids;
  for (const db::Row& row : rows) ids.push_back(row.get_string("group_id"));
  return ids;
}

}  // namespace sanad::accounts
