#include "accounts/identity_store.h"

#include "core/clock.h"

namespace sanad::accounts {

Result<std::optional<std::string>> IdentityStore::find_user(std::string_view issuer, std::string_view subject) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query("SELECT user_id FROM user_identities WHERE issuer = ? AND subject = ?",
                                                  {std::string(issuer), std::string(subject)}));
  if (rows.empty()) return std::optional<std::string>{};
  return std::optional<std::string>(rows.front().get_string("user_id"));
}

Status IdentityStore::link(std::string_view issuer, std::string_view subject, std::string_view user_id,
                           std::string_view email) {
  db::Value email_value = db::kNull;
  if (!email.empty()) email_value = std::string(email);
  auto n = db_.exec("INSERT INTO user_identities (issuer, subject, user_id, email, created_at) VALUES (?, ?, ?, ?, ?)",
                    {std::string(issuer), std::string(subject), std::string(user_id), email_value, core::now_ms()});
  if (!n) {
    if (n.status().code() == ErrorCode::kAlreadyExists) return already_exists("this identity is already linked");
    return n.status();
  }
  return {};
}

}  // namespace sanad::accounts
