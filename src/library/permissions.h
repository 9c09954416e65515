#pragma once
// Folder permissions: who may read, write or manage which folders.
//
// A folder's own grants live in `folder_permissions` (principal `user:<id>`,
// `group:<id>` or `everyone` → `read` | `write` | `manage`; write implies read,
// manage implies write). Sub-folders inherit: the effective permission of a
// principal on a folder is the highest grant matching it on the folder or any
// ancestor. Administrators have `manage` everywhere.
//
// Nothing is cached: every question reads the database (one query: the folder's
// ancestors and their grants for effective(), the whole tree and every grant for
// readable_folders()) and answers in memory, so a revocation is seen by the next
// request on any instance sharing the database. Thread-safe; the Database must
// outlive it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "db/database.h"

namespace sanad::library {

// Ordered: a higher value implies every lower one.
enum class Permission { kNone = 0, kRead = 1, kWrite = 2, kManage = 3 };

// "none", "read", "write", "manage".
std::string_view permission_name(Permission permission) noexcept;
// "read" | "write" | "manage" (exactly); invalid_argument otherwise ("none" too).
Result<Permission> parse_permission(std::string_view name);

// Who is asking: a user, their role and the groups they belong to.
struct Principal {
  std::string user_id;
  bool admin = false;
  std::vector<std::string> group_ids;
};

// One grant of a folder: principal is "user:<id>", "group:<id>" or "everyone".
struct PermissionEntry {
  std::string principal;
  Permission permission = Permission::kRead;
  bool operator==(const PermissionEntry&) const = default;
};

// invalid_argument unless `principal` is "everyone", or "user:"/"group:" followed
// by a non-empty id of at most 64 printable ASCII characters.
Status validate_principal(std::string_view principal);

// The folder tree and every grant, as read by one query: answers any number of
// questions for one principal without touching the database again. A plain value.
class PermissionSnapshot {
 public:
  // `parents`: folder id -> parent id ("" for a root). `grants`: folder id -> its own
  // entries.
  PermissionSnapshot(std::unordered_map<std::string, std::string> parents,
                     std::unordered_map<std::string, std::vector<PermissionEntry>> grants);

  // True when the folder exists in the snapshot.
  bool has_folder(const std::string& folder_id) const { return parents_.count(folder_id) != 0; }
  // Effective permission (kNone for an unknown folder; kManage for administrators).
  Permission effective(const Principal& who, const std::string& folder_id) const;
  // Effective permission on every folder the principal reaches at least `at_least`.
  std::unordered_map<std::string, Permission> folders_with(const Principal& who, Permission at_least) const;

 private:
  // The highest grant matching `who` among the folder's own entries.
  Permission own(const Principal& who, const std::string& folder_id) const;

  std::unordered_map<std::string, std::string> parents_;
  std::unordered_map<std::string, std::vector<PermissionEntry>> grants_;
};

class Permissions {
 public:
  explicit Permissions(db::Database& db) : db_(db) {}
  Permissions(const Permissions&) = delete;
  Permissions& operator=(const Permissions&) = delete;

  // Reads the whole tree and every grant in one query.
  Result<PermissionSnapshot> snapshot() const;
  // The principal's effective permission on the folder (one recursive query over
  // its ancestors); not_found when the folder does not exist.
  Result<Permission> effective(const Principal& who, const std::string& folder_id) const;
  // Ids of the folders the principal may read (every folder for administrators).
  Result<std::unordered_set<std::string>> readable_folders(const Principal& who) const;

  // The folder's own entries, sorted by principal. not_found for an unknown folder.
  Result<std::vector<PermissionEntry>> entries(const std::string& folder_id) const;
  // Replaces the folder's own entries in one transaction (a principal given twice
  // keeps its highest permission). not_found for an unknown folder;
  // invalid_argument for a malformed principal or more than 1,000 entries.
  // Returns the stored entries, sorted by principal.
  Result<std::vector<PermissionEntry>> replace_entries(const std::string& folder_id,
                                                       const std::vector<PermissionEntry>& entries);
  // Sets one principal's own entry on the folder (adding or replacing it), leaving
  // the other entries alone; returns the folder's entries. Errors as above.
  Result<std::vector<PermissionEntry>> set_entry(const std::string& folder_id, const PermissionEntry& entry);

 private:
  db::Database& db_;
};

}  // namespace sanad::library
