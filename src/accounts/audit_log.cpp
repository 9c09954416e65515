#include "accounts/audit_log.h"

#include "core/clock.h"
#include "core/ids.h"

namespace sanad::accounts {

namespace {

db::Value text_or_null(const std::string& s) {
  if (s.empty()) return db::kNull;
  return s;
}

}  // namespace

Status AuditLog::record(AuditEvent e) {
  if (e.at_ms == 0) e.at_ms = core::now_ms();
  if (!e.detail.is_object()) e.detail = nlohmann::json::object();
  auto n = db_.exec("INSERT INTO audit_log (id, at, actor_id, event, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    {core::new_id(), e.at_ms, text_or_null(e.actor_id), e.event, text_or_null(e.target),
                     text_or_null(e.ip), e.detail.dump()});
  return n ? Status{} : n.status();
}

Result<std::vector<AuditEvent>> AuditLog::recent(size_t limit, const std::string& event) {
  const auto n = static_cast<int64_t>(limit);
  // Two fixed statements rather than one assembled: each is prepared once.
  auto result = event.empty()
                    ? db_.query("SELECT at, actor_id, event, target, ip, detail FROM audit_log "
                                "ORDER BY at DESC, id DESC LIMIT ?",
                                {n})
                    : db_.query("SELECT at, actor_id, event, target, ip, detail FROM audit_log WHERE event = ? "
                                "ORDER BY at DESC, id DESC LIMIT ?",
                                {event, n});
  if (!result) return result.status();
  const db::Rows& rows = *result;
  std::vector<AuditEvent> out;
  for (const db::Row& row : rows) {
    AuditEvent e;
    e.at_ms = row.get_int("at");
    e.actor_id = row.opt_string("actor_id").value_or("");
    e.event = row.get_string("event");
    e.target = row.opt_string("target").value_or("");
    e.ip = row.opt_string("ip").value_or("");
    e.detail = nlohmann::json::parse(row.get_string("detail"), nullptr, false);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sanad::accounts
