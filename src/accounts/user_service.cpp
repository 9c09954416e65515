#include "accounts/user_service.h"

#include "core/clock.h"
#include "core/ids.h"
#include "core/strings.h"

namespace sanad::accounts {

namespace {

constexpr std::string_view kUserColumns = "id, email, name, role, active, created_at, last_login_at";

User user_from_row(const db::Row& row) {
  User u;
  u.id = row.get_string("id");
  u.email = row.get_string("email");
  u.name = row.get_string("name");
  u.role = row.get_string("role");
  u.active = row.get_bool("active");
  u.created_at_ms = row.get_int("created_at");
  u.last_login_at_ms = row.opt_int("last_login_at");
  return u;
}

bool valid_role(std::string_view role) { return role == kRoleAdmin || role == kRoleEditor || role == kRoleMember; }

}  // namespace

bool valid_email(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.find('.');
  return !domain.empty() && dot != std::string_view::npos && dot != 0 && domain.back() != '.';
}

Status UserService::check_new_user(const NewUser& input, const std::string& email) {
  if (!valid_email(email)) return invalid_argument("the e-mail address is not valid");
  if (!valid_role(input.role)) return invalid_argument("role must be admin, editor or member");
  if (input.name.size() > 200) return invalid_argument("the name is longer than 200 bytes");
  return {};
}

Result<User> UserService::insert(const NewUser& input, const std::string& email, const db::Value& password_hash) {
  int64_t now = core::now_ms();
  User u;
  u.id = core::new_id();
  u.email = email;
  u.name = input.name;
  u.role = input.role;
  u.created_at_ms = now;
  auto n = db_.exec(
      "INSERT INTO users (id, email, email_normalized, name, role, password_hash, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {u.id, u.email, core::ascii_lower(email), u.name, u.role, password_hash, now, now});
  if (!n) {
    if (n.status().code() == ErrorCode::kAlreadyExists) {
      return already_exists("an account with this e-mail already exists");
    }
    return n.status();
  }
  return u;
}

Result<User> UserService::create(const NewUser& input) {
  std::string email(core::trim(input.email));
  SANAD_RETURN_IF_ERROR(check_new_user(input, email));
  SANAD_RETURN_IF_ERROR(policy_.check(input.password));
  // Checked before hashing so a taken address does not cost a hash; the unique
  // index still decides a race.
  SANAD_ASSIGN_OR_RETURN(auto existing, find_by_email(email));
  if (existing) return already_exists("an account with this e-mail already exists");
  SANAD_ASSIGN_OR_RETURN(std::string hash, hasher_.hash(input.password));
  return insert(input, email, hash);
}

Result<User> UserService::create_external(const NewUser& input) {
  std::string email(core::trim(input.email));
  SANAD_RETURN_IF_ERROR(check_new_user(input, email));
  return insert(input, email, db::kNull);
}

Result<User> UserService::get(std::string_view id) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query(std::string("SELECT ") + std::string(kUserColumns) +
                                                      " FROM users WHERE id = ?",
                                                  {std::string(id)}));
  if (rows.empty()) return not_found("no such user");
  return user_from_row(rows.front());
}

Result<std::optional<User>> UserService::find_by_email(std::string_view email) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query(std::string("SELECT ") + std::string(kUserColumns) +
                                                      " FROM users WHERE email_normalized = ?",
                                                  {core::ascii_lower(core::trim(email))}));
  if (rows.empty()) return std::optional<User>{};
  return std::optional<User>(user_from_row(rows.front()));
}

Result<std::vector<User>> UserService::list() {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query(std::string("SELECT ") + std::string(kUserColumns) +
                                                  " FROM users ORDER BY created_at, id"));
  std::vector<User> users;
  users.reserve(rows.size());
  for (const db::Row& row : rows) users.push_back(user_from_row(row));
  return users;
}

Result<User> UserService::verify_password(std::string_view email, std::string_view password) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query(std::string("SELECT ") + std::string(kUserColumns) +
                                                      ", password_hash FROM users WHERE email_normalized = ?",
                                                  {core::ascii_lower(core::trim(email))}));
  const Status wrong = unauthenticated("wrong e-mail or password");
  if (rows.empty() || rows.front().is_null("password_hash")) {
    SANAD_ASSIGN_OR_RETURN(bool ignored, hasher_.verify_unknown_account(password));
    (void)ignored;
    return wrong;
  }
  const db::Row& row = rows.front();
  SANAD_ASSIGN_OR_RETURN(bool ok, hasher_.verify(password, row.get_string("password_hash")));
  if (!ok) return wrong;
  User user = user_from_row(row);
  if (!user.active) return wrong;
  if (hasher_.needs_rehash(row.get_string("password_hash"))) {
    // Upgrade to the current parameters; a failure (cap reached) only postpones it.
    if (auto rehashed = hasher_.hash(password)) {
      (void)db_.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                     {*rehashed, core::now_ms(), user.id});
    }
  }
  return user;
}

Status UserService::change_password(std::string_view user_id, std::string_view new_password) {
  SANAD_RETURN_IF_ERROR(policy_.check(new_password));
  SANAD_ASSIGN_OR_RETURN(std::string hash, hasher_.hash(new_password));
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                                             {hash, core::now_ms(), std::string(user_id)}));
  if (n == 0) return not_found("no such user");
  return sessions_.revoke_user(user_id);
}

Status UserService::set_active(std::string_view user_id, bool active) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("UPDATE users SET active = ?, updated_at = ? WHERE id = ?",
                                             {int64_t{active ? 1 : 0}, core::now_ms(), std::string(user_id)}));
  if (n == 0) return not_found("no such user");
  if (!active) return sessions_.revoke_user(user_id);
  return {};
}

Status UserService::record_sign_in(std::string_view user_id, int64_t now_ms) {
  auto n = db_.exec("UPDATE users SET last_login_at = ? WHERE id = ?", {now_ms, std::string(user_id)});
  return n ? Status{} : n.status();
}

}  // namespace sanad::accounts
