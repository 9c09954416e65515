#pragma once
// A fresh, migrated database (SQLite or PostgreSQL, by test parameter) with the
// account services on it: a real Argon2id hasher, a small common-password list,
// SQL refresh-token store, sessions and users. Shared by the accounts unit tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "accounts/sql_token_store.h"
#include "accounts/user_service.h"
#include "auth/password_hasher.h"
#include "auth/password_policy.h"
#include "auth/refresh_token_service.h"
#include "test_database.h"

namespace sanad::accounts {

inline constexpr char kGoodPassword[] = "correct horse battery";

class AccountsFixture : public db::testing::MigratedBackendTest {
 protected:
  void SetUp() override {
    MigratedBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto hasher = auth::PasswordHasher::create();
    ASSERT_TRUE(hasher.is_ok());
    hasher_ = std::make_unique<auth::PasswordHasher>(std::move(*hasher));
    policy_ = std::make_unique<auth::PasswordPolicy>(auth::CommonPasswords::from_lines("password\nqwertyuiop\n"));
    tokens_ = std::make_unique<SqlTokenStore>(*db_);
    sessions_ = std::make_unique<auth::RefreshTokenService>(*tokens_);
    users_ = std::make_unique<UserService>(*db_, *hasher_, *policy_, *sessions_);
  }

  User make_user(const std::string& email, const std::string& role = "member") {
    NewUser n;
    n.email = email;
    n.password = kGoodPassword;
    n.name = "Test";
    n.role = role;
    auto u = users_->create(n);
    EXPECT_TRUE(u.is_ok()) << u.status().to_string();
    return u.is_ok() ? *u : User{};
  }

  std::unique_ptr<auth::PasswordHasher> hasher_;
  std::unique_ptr<auth::PasswordPolicy> policy_;
  std::unique_ptr<SqlTokenStore> tokens_;
  std::unique_ptr<auth::RefreshTokenService> sessions_;
  std::unique_ptr<UserService> users_;
};

}  // namespace sanad::accounts
