// Folder permissions: the grants table and the in-memory inheritance over the tree.
// One query reads the tree and every grant together; the tree of an organisation's
// library is thousands of rows at most, so answering in memory is cheaper than a
// recursive query per folder and needs no cache (so no staleness).

#include "library/permissions.h"

#include <algorithm>
#include <map>

#include "core/clock.h"

namespace sanad::library {

namespace {

constexpr std::size_t kMaxEntries = 1000;
constexpr std::size_t kMaxPrincipalId = 64;
// A tree deeper than this is corrupt (a cycle): stop climbing rather than loop.
constexpr int kMaxDepth = 10000;

constexpr std::string_view kEveryone = "everyone";
constexpr std::string_view kUserPrefix = "user:";
constexpr std::string_view kGroupPrefix = "group:";

}  // namespace

std::string_view permission_name(Permission permission) noexcept {
  switch (permission) {
    case Permission::kRead:
      return "read";
    case Permission::kWrite:
      return "write";
    case Permission::kManage:
      return "manage";
    case Permission::kNone:
      break;
  }
  return "none";
}

Result<Permission> parse_permission(std::string_view name) {
  if (name == "read") return Permission::kRead;
  if (name == "write") return Permission::kWrite;
  if (name == "manage") return Permission::kManage;
  return invalid_argument("a permission is 'read', 'write' or 'manage'");
}

Status validate_principal(std::string_view principal) {
  if (principal == kEveryone) return {};
  std::string_view id;
  if (principal.substr(0, kUserPrefix.size()) == kUserPrefix) {
    id = principal.substr(kUserPrefix.size());
  } else if (principal.substr(0, kGroupPrefix.size()) == kGroupPrefix) {
    id = principal.substr(kGroupPrefix.size());
  } else {
    return invalid_argument("a principal is 'user:<id>', 'group:<id>' or 'everyone'");
  }
  if (id.empty() || id.size() > kMaxPrincipalId) return invalid_argument("a principal's id is 1 to 64 characters");
  for (unsigned char c : id) {
    if (c <= 0x20 || c >= 0x7f) return invalid_argument("a principal's id is printable ASCII");
  }
  return {};
}

PermissionSnapshot::PermissionSnapshot(std::unordered_map<std::string, std::string> parents,
                                       std::unordered_map<std::string, std::vector<PermissionEntry>> grants)
    : parents_(std::move(parents)), grants_(std::move(grants)) {}

Permission PermissionSnapshot::own(const Principal& who, const std::string& folder_id) const {
  auto it = grants_.find(folder_id);
  if (it == grants_.end()) return Permission::kNone;
  Permission best = Permission::kNone;
  for (const auto& entry : it->second) {
    bool matches = false;
    const std::string& p = entry.principal;
    if (p == kEveryone) {
      matches = true;
    } else if (p.compare(0, kUserPrefix.size(), kUserPrefix) == 0) {
      matches = !who.user_id.empty() && p.compare(kUserPrefix.size(), std::string::npos, who.user_id) == 0;
    } else if (p.compare(0, kGroupPrefix.size(), kGroupPrefix) == 0) {
      for (const auto& g : who.group_ids) {
        if (p.compare(kGroupPrefix.size(), std::string::npos, g) == 0) {
          matches = true;
          break;
        }
      }
    }
    if (matches) best = std::max(best, entry.permission);
  }
  return best;
}

Permission PermissionSnapshot::effective(const Principal& who, const std::string& folder_id) const {
  if (!has_folder(folder_id)) return Permission::kNone;
  if (who.admin) return Permission::kManage;
  Permission best = Permission::kNone;
  std::string cursor = folder_id;
  for (int depth = 0; !cursor.empty() && depth < kMaxDepth && best != Permission::kManage; ++depth) {
    best = std::max(best, own(who, cursor));
    auto it = parents_.find(cursor);
    if (it == parents_.end()) break;
    cursor = it->second;
  }
  return best;
}

std::unordered_map<std::string, Permission> PermissionSnapshot::folders_with(const Principal& who,
                                                                             Permission at_least) const {
  std::unordered_map<std::string, Permission> memo;  // effective permission per folder visited
  memo.reserve(parents_.size());
  std::vector<std::string> path;
  for (const auto& [id, parent] : parents_) {
    if (memo.count(id) != 0) continue;
    // Climb until a folder already known (or a root), then fill the path downwards.
    path.clear();
    std::string cursor = id;
    Permission inherited = Permission::kNone;
    for (int depth = 0; depth < kMaxDepth; ++depth) {
      if (auto known = memo.find(cursor); known != memo.end()) {
        inherited = known->second;
        break;
      }
      path.push_back(cursor);
      auto up = parents_.find(cursor);
      if (up == parents_.end() || up->second.empty()) break;
      cursor = up->second;
    }
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      inherited = who.admin ? Permission::kManage : std::max(inherited, own(who, *it));
      memo[*it] = inherited;
    }
  }
  std::unordered_map<std::string, Permission> out;
  for (auto& [id, permission] : memo) {
    if (permission >= at_least && permission != Permission::kNone) out.emplace(id, permission);
  }
  return out;
}

// Rows of (id, parent_id, principal, permission), one per folder and grant (NULL
// principal for a folder without grants), as a snapshot.
static Result<PermissionSnapshot> snapshot_from_rows(const db::Rows& rows) {
  std::unordered_map<std::string, std::string> parents;
  std::unordered_map<std::string, std::vector<PermissionEntry>> grants;
  parents.reserve(rows.size());
  for (const auto& r : rows) {
    const std::string& id = r.get_string("id");
    parents.emplace(id, r.opt_string("parent_id").value_or(""));
    if (r.is_null("principal")) continue;
    auto permission = parse_permission(r.get_string("permission"));
    if (!permission) return internal_error("folder_permissions holds '" + r.get_string("permission") + "'");
    grants[id].push_back({r.get_string("principal"), *permission});
  }
  return PermissionSnapshot(std::move(parents), std::move(grants));
}

Result<PermissionSnapshot> Permissions::snapshot() const {
  SANAD_ASSIGN_OR_RETURN(auto rows, db_.query("SELECT f.id AS id, f.parent_id AS parent_id, p.principal AS principal, "
                                              "p.permission AS permission FROM folders f "
                                              "LEFT JOIN folder_permissions p ON p.folder_id = f.id"));
  return snapshot_from_rows(rows);
}

Result<Permission> Permissions::effective(const Principal& who, const std::string& folder_id) const {
  // Only the folder's chain of ancestors matters: a recursive query reads it (and
  // its grants) whatever the size of the library.
  SANAD_ASSIGN_OR_RETURN(
      auto rows,
      db_.query("WITH RECURSIVE chain (id, parent_id, depth) AS ("
                " SELECT id, parent_id, 0 FROM folders WHERE id = ?"
                " UNION ALL"
                " SELECT f.id, f.parent_id, c.depth + 1 FROM folders f JOIN chain c ON f.id = c.parent_id"
                " WHERE c.depth < ?)"
                " SELECT c.id AS id, c.parent_id AS parent_id, p.principal AS principal, p.permission AS permission"
                " FROM chain c LEFT JOIN folder_permissions p ON p.folder_id = c.id",
                {folder_id, int64_t{kMaxDepth}}));
  SANAD_ASSIGN_OR_RETURN(PermissionSnapshot chain, snapshot_from_rows(rows));
  if (!chain.has_folder(folder_id)) return not_found("no folder " + folder_id);
  return chain.effective(who, folder_id);
}

Result<std::unordered_set<std::string>> Permissions::readable_folders(const Principal& who) const {
  SANAD_ASSIGN_OR_RETURN(PermissionSnapshot snap, snapshot());
  std::unordered_set<std::string> out;
  for (const auto& [id, permission] : snap.folders_with(who, Permission::kRead)) out.insert(id);
  return out;
}

Result<std::vector<PermissionEntry>> Permissions::entries(const std::string& folder_id) const {
  SANAD_ASSIGN_OR_RETURN(auto folder, db_.query("SELECT id FROM folders WHERE id = ?", {folder_id}));
  if (folder.empty()) return not_found("no folder " + folder_id);
  SANAD_ASSIGN_OR_RETURN(auto rows, db_.query("SELECT principal, permission FROM folder_permissions "
                                              "WHERE folder_id = ? ORDER BY principal",
                                              {folder_id}));
  std::vector<PermissionEntry> out;
  for (const auto& r : rows) {
    SANAD_ASSIGN_OR_RETURN(Permission p, parse_permission(r.get_string("permission")));
    out.push_back({r.get_string("principal"), p});
  }
  return out;
}

Result<std::vector<PermissionEntry>> Permissions::set_entry(const std::string& folder_id,
                                                            const PermissionEntry& entry) {
  SANAD_RETURN_IF_ERROR(validate_principal(entry.principal));
  if (entry.permission == Permission::kNone) return invalid_argument("a permission is 'read', 'write' or 'manage'");
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(auto folder, c.query("SELECT id FROM folders WHERE id = ?", {folder_id}));
    if (folder.empty()) return not_found("no folder " + folder_id);
    SANAD_RETURN_IF_ERROR(
        c.exec("DELETE FROM folder_permissions WHERE folder_id = ? AND principal = ?", {folder_id, entry.principal})
            .status());
    return c
        .exec("INSERT INTO folder_permissions (folder_id, principal, permission, created_at) VALUES (?, ?, ?, ?)",
              {folder_id, entry.principal, std::string(permission_name(entry.permission)), core::now_ms()})
        .status();
  });
  if (!s) return s;
  return entries(folder_id);
}

Result<std::vector<PermissionEntry>> Permissions::replace_entries(const std::string& folder_id,
                                                                  const std::vector<PermissionEntry>& entries) {
  if (entries.size() > kMaxEntries) return invalid_argument("at most 1000 entries per folder");
  std::map<std::string, Permission> merged;  // sorted by principal
  for (const auto& e : entries) {
    SANAD_RETURN_IF_ERROR(validate_principal(e.principal));
    if (e.permission == Permission::kNone) return invalid_argument("a permission is 'read', 'write' or 'manage'");
    auto [it, inserted] = merged.emplace(e.principal, e.permission);
    if (!inserted) it->second = std::max(it->second, e.permission);
  }
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(auto folder, c.query("SELECT id FROM folders WHERE id = ?", {folder_id}));
    if (folder.empty()) return not_found("no folder " + folder_id);
    SANAD_RETURN_IF_ERROR(c.exec("DELETE FROM folder_permissions WHERE folder_id = ?", {folder_id}).status());
    const int64_t now = core::now_ms();
    for (const auto& [principal, permission] : merged) {
      SANAD_RETURN_IF_ERROR(c.exec("INSERT INTO folder_permissions (folder_id, principal, permission, created_at) "
                                   "VALUES (?, ?, ?, ?)",
                                   {folder_id, principal, std::string(permission_name(permission)), now})
                                .status());
    }
    return Status::ok();
  });
  if (!s) return s;
  std::vector<PermissionEntry> out;
  for (const auto& [principal, permission] : merged) out.push_back({principal, permission});
  return out;
}

}  // namespace sanad::library
