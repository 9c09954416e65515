#pragma once
// Append-only audit trail (`audit_log` table): sign-ins, failures, account and
// group changes. Thread-safe; the Database must outlive it.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

struct AuditEvent {
  std::string event;     // "auth.login", "auth.login_failed", "group.members", …
  std::string actor_id;  // "" when anonymous
  std::string target;    // what the event is about (a user id, a group id, an e-mail hash)
  std::string ip;
  nlohmann::json detail = nlohmann::json::object();  // never passwords or tokens
  int64_t at_ms = 0;     // filled by record() when 0
};

class AuditLog {
 public:
  explicit AuditLog(db::Database& db) : db_(db) {}
  // Appends one event.
  Status record(AuditEvent event);
  // The most recent events, newest first (at most `limit`), optionally of one kind.
  Result<std::vector<AuditEvent>> recent(size_t limit, const std::string& event = "");

 private:
  db::Database& db_;
};

}  // namespace sanad::accounts
