// SQL stores, users, groups and the audit log on a fresh, migrated database.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "accounts/audit_log.h"
#include "accounts/group_service.h"
#include "accounts/sql_token_store.h"
#include "accounts/user_service.h"
#include "auth/refresh_token_service.h"
#include "auth/reset_token_service.h"
#include "auth/secrets.h"
#include "accounts_fixture.h"
#include "test_database.h"

namespace sanad::accounts {
namespace {

class AccountsTest : public AccountsFixture {};

TEST_P(AccountsTest, CreatesUsersAndFindsThemByEmailInAnyCase) {
  User u = make_user("Alice@Example.org", "admin");
  EXPECT_EQ(u.role, "admin");
  auto found = users_->find_by_email("alice@EXAMPLE.ORG");
  ASSERT_TRUE(found.is_ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, u.id);
  EXPECT_EQ((*found)->email, "Alice@Example.org");

  NewUser dup{"ALICE@example.org", kGoodPassword, "", "member"};
  EXPECT_EQ(users_->create(dup).status().code(), ErrorCode::kAlreadyExists);
  NewUser weak{"bob@example.org", "password", "", "member"};
  EXPECT_EQ(users_->create(weak).status().code(), ErrorCode::kInvalidArgument);
  NewUser bad_email{"not-an-email", kGoodPassword, "", "member"};
  EXPECT_EQ(users_->create(bad_email).status().code(), ErrorCode::kInvalidArgument);
  NewUser bad_role{"carol@example.org", kGoodPassword, "", "root"};
  EXPECT_EQ(users_->create(bad_role).status().code(), ErrorCode::kInvalidArgument);
  auto all = users_->list();
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(AccountsTest, VerifiesPasswordsAndRefusesUnknownOrDisabledAccounts) {
  User u = make_user("dana@example.org");
  auto ok = users_->verify_password("DANA@example.org", kGoodPassword);
  ASSERT_TRUE(ok.is_ok()) << ok.status().to_string();
  EXPECT_EQ(ok->id, u.id);
  EXPECT_EQ(users_->verify_password("dana@example.org", "wrong password!").status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(users_->verify_password("nobody@example.org", kGoodPassword).status().code(),
            ErrorCode::kUnauthenticated);
  ASSERT_TRUE(users_->set_active(u.id, false).is_ok());
  EXPECT_EQ(users_->verify_password("dana@example.org", kGoodPassword).status().code(),
            ErrorCode::kUnauthenticated);
  ASSERT_TRUE(users_->record_sign_in(u.id, 12345).is_ok());
  auto again = users_->get(u.id);
  ASSERT_TRUE(again.is_ok());
  EXPECT_FALSE(again->active);
  EXPECT_EQ(again->last_login_at_ms, 12345);
}

TEST_P(AccountsTest, PasswordChangeAndDisablingEndEverySession) {
  User u = make_user("erin@example.org");
  auto first = sessions_->issue(u.id);
  auto second = sessions_->issue(u.id);
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  ASSERT_TRUE(users_->change_password(u.id, "another good passphrase").is_ok());
  EXPECT_EQ(sessions_->rotate(first->token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(sessions_->rotate(second->token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_TRUE(users_->verify_password("erin@example.org", "another good passphrase").is_ok());
  EXPECT_FALSE(users_->verify_password("erin@example.org", kGoodPassword).is_ok());

  auto third = sessions_->issue(u.id);
  ASSERT_TRUE(third.is_ok());
  ASSERT_TRUE(users_->set_active(u.id, false).is_ok());
  EXPECT_EQ(sessions_->rotate(third->token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(users_->change_password("missing", "another good passphrase").code(), ErrorCode::kNotFound);
}

TEST_P(AccountsTest, RefreshRotationAndReuseRevokesTheFamily) {
  User u = make_user("fay@example.org");
  auto issued = sessions_->issue(u.id);
  ASSERT_TRUE(issued.is_ok());
  auto rotated = sessions_->rotate(issued->token);
  ASSERT_TRUE(rotated.is_ok()) << rotated.status().to_string();
  EXPECT_EQ(rotated->family_id, issued->family_id);
  // Reusing the first token revokes the family, the second included.
  EXPECT_EQ(sessions_->rotate(issued->token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(sessions_->rotate(rotated->token).status().code(), ErrorCode::kUnauthenticated);
  auto record = tokens_->find_by_hash(auth::sha256_hex(rotated->token));
  ASSERT_TRUE(record.is_ok() && record->has_value());
  EXPECT_TRUE((*record)->revoked_at_ms.has_value());
  // Only the hash is stored.
  auto raw = db_->query("SELECT COUNT(*) AS n FROM refresh_tokens WHERE hash = ?", {issued->token});
  ASSERT_TRUE(raw.is_ok());
  EXPECT_EQ(raw->front().get_int("n"), 0);
}

TEST_P(AccountsTest, MarkUsedSucceedsForExactlyOneConcurrentCaller) {
  User u = make_user("gil@example.org");
  auth::RefreshTokenRecord r;
  r.token_hash = auth::sha256_hex("token");
  r.family_id = "family";
  r.user_id = u.id;
  r.created_at_ms = 1;
  r.expires_at_ms = 4'000'000'000'000;
  ASSERT_TRUE(tokens_->create(r).is_ok());
  EXPECT_EQ(tokens_->create(r).code(), ErrorCode::kAlreadyExists);
  std::atomic<int> winners{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto won = tokens_->mark_used(r.token_hash, 5);
      if (won.is_ok() && *won) ++winners;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(winners.load(), 1);
  auto expired = tokens_->delete_expired(4'000'000'000'001);
  ASSERT_TRUE(expired.is_ok());
  EXPECT_EQ(*expired, 1u);
}

TEST_P(AccountsTest, ResetTokensAreSingleUseAndExpire) {
  User u = make_user("hana@example.org");
  SqlResetTokenStore store(*db_);
  int64_t now = 1'000'000;
  auth::ResetTokenService service(store, [&now] { return now; });
  auto issued = service.issue(u.id);
  auto other = service.issue(u.id);
  ASSERT_TRUE(issued.is_ok() && other.is_ok());
  auto used = service.consume(issued->token);
  ASSERT_TRUE(used.is_ok()) << used.status().to_string();
  EXPECT_EQ(*used, u.id);
  EXPECT_EQ(service.consume(issued->token).status().code(), ErrorCode::kUnauthenticated);
  // The other outstanding token was invalidated by the successful reset.
  EXPECT_EQ(service.consume(other->token).status().code(), ErrorCode::kUnauthenticated);
  auto late = service.issue(u.id);
  ASSERT_TRUE(late.is_ok());
  now += 31 * 60 * 1000;
  EXPECT_EQ(service.consume(late->token).status().code(), ErrorCode::kUnauthenticated);
}

TEST_P(AccountsTest, LoginStatesAreTakenOnceAndExpire) {
  SqlLoginStateStore store(*db_);
  auth::PendingLogin login{"google", "nonce-1", "verifier-1", "/chat", 2000};
  ASSERT_TRUE(store.put("state-1", login, 1000).is_ok());
  EXPECT_EQ(store.put("state-1", login, 1000).code(), ErrorCode::kAlreadyExists);
  auto taken = store.take("state-1", 1500);
  ASSERT_TRUE(taken.is_ok() && taken->has_value());
  EXPECT_EQ((*taken)->nonce, "nonce-1");
  EXPECT_EQ((*taken)->code_verifier, "verifier-1");
  EXPECT_EQ((*taken)->redirect_after, "/chat");
  auto replay = store.take("state-1", 1500);
  ASSERT_TRUE(replay.is_ok());
  EXPECT_FALSE(replay->has_value());
  ASSERT_TRUE(store.put("state-2", login, 1000).is_ok());
  auto expired = store.take("state-2", 2000);
  ASSERT_TRUE(expired.is_ok());
  EXPECT_FALSE(expired->has_value());
}

TEST_P(AccountsTest, GroupsHaveUniqueNamesAndReplaceableMembers) {
  GroupService groups(*db_);
  User a = make_user("ines@example.org");
  User b = make_user("jad@example.org");
  auto g = groups.create("Finance");
  ASSERT_TRUE(g.is_ok());
  EXPECT_EQ(groups.create("FINANCE").status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(groups.create("  ").status().code(), ErrorCode::kInvalidArgument);
  auto set = groups.set_members(g->id, {a.id, b.id, a.id});
  ASSERT_TRUE(set.is_ok()) << set.status().to_string();
  EXPECT_EQ(set->member_ids.size(), 2u);
  EXPECT_EQ(groups.set_members(g->id, {a.id, "nobody"}).status().code(), ErrorCode::kInvalidArgument);
  auto unchanged = groups.get(g->id);
  ASSERT_TRUE(unchanged.is_ok());
  EXPECT_EQ(unchanged->member_ids.size(), 2u);
  auto one = groups.set_members(g->id, {b.id});
  ASSERT_TRUE(one.is_ok());
  EXPECT_EQ(one->member_ids, std::vector<std::string>{b.id});
  auto of_a = groups.groups_of(a.id);
  ASSERT_TRUE(of_a.is_ok());
  EXPECT_TRUE(of_a->empty());
  EXPECT_EQ(groups.set_members("missing", {}).status().code(), ErrorCode::kNotFound);
  auto all = groups.list();
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().member_ids.size(), 1u);
}

TEST_P(AccountsTest, AuditLogKeepsEventsNewestFirst) {
  AuditLog audit(*db_);
  ASSERT_TRUE(audit.record({"auth.login_failed", "", "target", "10.0.0.1", {{"reason", "password"}}, 10}).is_ok());
  ASSERT_TRUE(audit.record({"auth.login", "user-1", "user-1", "10.0.0.1", nlohmann::json::object(), 20}).is_ok());
  auto all = audit.recent(10);
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().event, "auth.login");
  EXPECT_EQ(all->back().detail.value("reason", ""), "password");
  auto failed = audit.recent(10, "auth.login_failed");
  ASSERT_TRUE(failed.is_ok());
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ(failed->front().ip, "10.0.0.1");
  EXPECT_EQ(failed->front().actor_id, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::accounts
