#pragma once
// Groups of users (names unique case-insensitively) and their membership, on the
// `groups` and `group_members` tables. Thread-safe; the Database must outlive it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

struct Group {
  std::string id;
  std::string name;
  int64_t created_at_ms = 0;
  std::vector<std::string> member_ids;  // sorted
};

class GroupService {
 public:
  explicit GroupService(db::Database& db) : db_(db) {}

  // kInvalidArgument for an empty or over-long (> 200 bytes) name; kAlreadyExists
  // when a group has this name in any case.
  Result<Group> create(std::string_view name);
  // kNotFound when absent.
  Result<Group> get(std::string_view id);
  // Every group with its members, by name.
  Result<std::vector<Group>> list();
  // Replaces the group's members with `user_ids` (duplicates ignored), in one
  // transaction. kNotFound for an unknown group; kInvalidArgument naming the first
  // unknown user id (nothing is changed then).
  Result<Group> set_members(std::string_view group_id, const std::vector<std::string>& user_ids);
  // The ids of the groups `user_id` belongs to.
  Result<std::vector<std::string>> groups_of(std::string_view user_id);

 private:
  db::Database& db_;
};

}  // namespace sanad::accounts
