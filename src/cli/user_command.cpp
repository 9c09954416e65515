#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "accounts/sql_token_store.h"
#include "accounts/user_service.h"
#include "auth/password_hasher.h"
#include "auth/password_policy.h"
#include "auth/refresh_token_service.h"
#include "cli/command.h"
#include "core/log.h"
#include "db/database.h"
#include "db/migrate.h"

namespace sanad::cli {

namespace {

struct UserCreateOptions {
  std::string email;
  std::string name;
  bool password_stdin = false;
  bool admin = false;
};

// The first line of standard input without its line end.
Result<std::string> read_password_line() {
  std::string line;
  if (!std::getline(std::cin, line)) return invalid_argument("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int create_user(const UserCreateOptions& options) {
  if (!options.password_stdin) {
    return fail(invalid_argument("--password-stdin is required: the password is read from standard input, "
                                 "never from the command line"));
  }
  auto config = load_effective_config();
  if (!config) return fail(config.status());
  auto password = read_password_line();
  if (!password) return fail(password.status());
  core::Logger logger(core::LogLevel::kWarn);
  auto policy = auth::load_password_policy(config->production(), std::string(auth::kDefaultCommonPasswordList),
                                           logger);
  if (!policy) return fail(policy.status());
  auto hasher = auth::PasswordHasher::create();
  if (!hasher) return fail(hasher.status());
  auto db = db::Database::open(config->database);
  if (!db) return fail(db.status());
  auto migrated = db::migrate(**db);
  if (!migrated) return fail(migrated.status());
  accounts::SqlTokenStore tokens(**db);
  auth::RefreshTokenService sessions(tokens);
  accounts::UserService users(**db, *hasher, *policy, sessions);
  accounts::NewUser n;
  n.email = options.email;
  n.password = std::move(*password);
  n.name = options.name;
  n.role = std::string(options.admin ? accounts::kRoleAdmin : accounts::kRoleMember);
  auto user = users.create(n);
  if (!user) return fail(user.status());
  std::printf("created %s %s (%s)\n", user->role.c_str(), user->email.c_str(), user->id.c_str());
  return kExitOk;
}

}  // namespace

void add_user_command(CLI::App& app, Action& action) {
  auto* user_cmd = app.add_subcommand("user", "Manage accounts");
  user_cmd->require_subcommand(1, 1);
  auto options = std::make_shared<UserCreateOptions>();
  auto* create = user_cmd->add_subcommand(
      "create", "Create an account (the first administrator on a new install); the password is read from stdin");
  create->add_option("--email", options->email, "E-mail address (unique, case-insensitive)")->required();
  create->add_flag("--password-stdin", options->password_stdin, "Read the password from the first line of stdin");
  create->add_flag("--admin", options->admin, "Make the account an administrator");
  create->add_option("--name", options->name, "Display name");
  create->callback([&action, options] { action = [options] { return create_user(*options); }; });
}

}  // namespace sanad::cli
