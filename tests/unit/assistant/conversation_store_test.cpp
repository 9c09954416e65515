// Conversations, messages and feedback per user, on a fresh migrated database.
#include <gtest/gtest.h>

#include "assistant/conversation_store.h"
#include "core/clock.h"
#include "test_database.h"

namespace sanad::assistant {
namespace {

using db::testing::MigratedBackendTest;

class ConversationStoreTest : public MigratedBackendTest {
 protected:
  void SetUp() override {
    MigratedBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    add_user("alice");
    add_user("bob");
    store_ = std::make_unique<ConversationStore>(*db_);
  }

  void add_user(const std::string& id) {
    int64_t now = core::now_ms();
    auto r = db_->exec(
        "INSERT INTO users (id, email, email_normalized, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        {id, id + "@example.org", id + "@example.org", now, now});
    ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  }

  std::unique_ptr<ConversationStore> store_;
};

TEST_P(ConversationStoreTest, CreatesListsAndGetsOwnConversations) {
  auto a = store_->create("alice", "", "fr");
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  auto b = store_->create("alice", "Second", "");
  ASSERT_TRUE(b.is_ok());
  auto list = store_->list("alice");
  ASSERT_TRUE(list.is_ok());
  ASSERT_EQ(list->size(), 2u);
  auto got = store_->get("alice", a->id);
  ASSERT_TRUE(got.is_ok());
  EXPECT_EQ(got->language, "fr");
  EXPECT_TRUE(store_->list("bob")->empty());
  EXPECT_EQ(store_->create("alice", "", "de").status().code(), ErrorCode::kInvalidArgument);
}

TEST_P(ConversationStoreTest, AnotherUsersConversationIsNotFound) {
  auto a = store_->create("alice", "Mine", "en");
  ASSERT_TRUE(a.is_ok());
  EXPECT_EQ(store_->get("bob", a->id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->messages("bob", a->id).status().code(), ErrorCode::kNotFound);
  NewMessage m;
  m.content = "hello";
  EXPECT_EQ(store_->add_message("bob", a->id, m).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->remove("bob", a->id).code(), ErrorCode::kNotFound);
  EXPECT_TRUE(store_->get("alice", a->id).is_ok());
}

TEST_P(ConversationStoreTest, MessagesKeepOrderCitationsTimingsAndSetTheTitle) {
  auto c = store_->create("alice", "", "");
  ASSERT_TRUE(c.is_ok());
  NewMessage q;
  q.content = "  Combien de jours\nde congés ?  ";
  ASSERT_TRUE(store_->add_message("alice", c->id, q, "fr").is_ok());
  NewMessage a;
  a.role = "assistant";
  a.content = "D'après les sources : « 25 jours » [1]";
  Citation cit;
  cit.n = 1;
  cit.document_id = "doc";
  cit.chunk_id = "chunk";
  cit.title = "Guide";
  cit.page = 3;
  cit.quote = "25 jours";
  cit.start = 10;
  cit.end = 18;
  a.citations = {cit};
  a.answered = true;
  a.timings = {{"retrieve", 1.5}, {"total", 3.25}};
  auto stored = store_->add_message("alice", c->id, a);
  ASSERT_TRUE(stored.is_ok()) << stored.status().to_string();

  auto msgs = store_->messages("alice", c->id);
  ASSERT_TRUE(msgs.is_ok());
  ASSERT_EQ(msgs->size(), 2u);
  EXPECT_EQ((*msgs)[0].role, "user");
  EXPECT_EQ((*msgs)[1].role, "assistant");
  ASSERT_EQ((*msgs)[1].citations.size(), 1u);
  EXPECT_EQ((*msgs)[1].citations[0].quote, "25 jours");
  EXPECT_EQ((*msgs)[1].citations[0].page, 3);
  EXPECT_EQ((*msgs)[1].citations[0].end, 18);
  double total = 0;
  for (const auto& [stage, ms] : (*msgs)[1].timings) {
    if (stage == "total") total = ms;
  }
  EXPECT_DOUBLE_EQ(total, 3.25);
  auto last = store_->messages("alice", c->id, 1);
  ASSERT_TRUE(last.is_ok());
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ((*last)[0].role, "assistant");

  auto conv = store_->get("alice", c->id);
  ASSERT_TRUE(conv.is_ok());
  EXPECT_EQ(conv->title, "Combien de jours de congés ?");
  EXPECT_EQ(conv->language, "fr");
}

TEST_P(ConversationStoreTest, FeedbackOnlyOnOwnAnswersAndReplaced) {
  auto c = store_->create("alice", "t", "en");
  ASSERT_TRUE(c.is_ok());
  NewMessage q;
  q.content = "question";
  auto question = store_->add_message("alice", c->id, q);
  NewMessage a;
  a.role = "assistant";
  a.content = "answer";
  auto answer = store_->add_message("alice", c->id, a);
  ASSERT_TRUE(question.is_ok() && answer.is_ok());
  EXPECT_TRUE(store_->set_feedback("alice", answer->id, "up", "").is_ok());
  EXPECT_TRUE(store_->set_feedback("alice", answer->id, "down", "wrong page").is_ok());
  auto rows = db_->query("SELECT rating, comment FROM message_feedback WHERE message_id = ?", {answer->id});
  ASSERT_TRUE(rows.is_ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().get_string("rating"), "down");
  EXPECT_EQ(rows->front().get_string("comment"), "wrong page");
  EXPECT_EQ(store_->set_feedback("bob", answer->id, "up", "").code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->set_feedback("alice", question->id, "up", "").code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->set_feedback("alice", answer->id, "meh", "").code(), ErrorCode::kInvalidArgument);
}

TEST_P(ConversationStoreTest, RemoveDeletesMessagesAndFeedback) {
  auto c = store_->create("alice", "t", "en");
  ASSERT_TRUE(c.is_ok());
  NewMessage a;
  a.role = "assistant";
  a.content = "answer";
  auto answer = store_->add_message("alice", c->id, a);
  ASSERT_TRUE(answer.is_ok());
  ASSERT_TRUE(store_->set_feedback("alice", answer->id, "up", "").is_ok());
  ASSERT_TRUE(store_->remove("alice", c->id).is_ok());
  EXPECT_EQ(store_->get("alice", c->id).status().code(), ErrorCode::kNotFound);
  auto left = db_->query("SELECT COUNT(*) AS n FROM messages");
  ASSERT_TRUE(left.is_ok());
  EXPECT_EQ(left->front().get_int("n"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConversationStoreTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::assistant
