// FAQ matching on a migrated database: close questions match, far ones and
// entries in folders the caller may not read do not.
#include "assistant/faq_matcher.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "test_database.h"

namespace sanad::assistant {
namespace {

using db::testing::MigratedBackendTest;

class FaqMatcherTest : public MigratedBackendTest {
 protected:
  void SetUp() override {
    MigratedBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    add_folder("faq");
    add_folder("hr");
    add_entry("e1", "faq", "Comment poser des jours de congés ?", "Dans l'outil RH, menu Absences.");
    add_entry("e2", "faq", "How do I reset my password?", "Use the *Forgot password* link.");
    add_entry("e3", "hr", "Quel est le budget des primes ?", "Confidentiel.");
  }
  void add_folder(const std::string& id) {
    int64_t now = core::now_ms();
    ASSERT_TRUE(db_->exec("INSERT INTO folders (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                          {id, id, now, now})
                    .is_ok());
  }
  void add_entry(const std::string& id, const std::string& folder, const std::string& q, const std::string& a) {
    int64_t now = core::now_ms();
    ASSERT_TRUE(db_->exec("INSERT INTO faq_entries (id, folder_id, question, question_key, answer, created_at, "
                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          {id, folder, q, id, a, now, now})
                    .is_ok());
  }
};

TEST_P(FaqMatcherTest, CloseQuestionsMatchFarOnesDoNot) {
  FaqMatcher matcher(*db_);
  auto all = search::AccessFilter::everything();
  auto m = matcher.match("comment poser mes congés ?", all);
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  ASSERT_TRUE(m->has_value());
  EXPECT_EQ((*m)->id, "e1");
  EXPECT_GE((*m)->similarity, FaqMatcher::kDefaultThreshold);
  auto en = matcher.match("How can I reset my password?", all);
  ASSERT_TRUE(en.is_ok() && en->has_value());
  EXPECT_EQ((*en)->id, "e2");
  auto far = matcher.match("Combien de jours de congés pour un mariage ?", all);
  ASSERT_TRUE(far.is_ok());
  EXPECT_FALSE(far->has_value());
  auto exact = matcher.best("COMMENT poser des jours de congés ?", all);
  ASSERT_TRUE(exact.is_ok() && exact->has_value());
  EXPECT_DOUBLE_EQ((*exact)->similarity, 1.0);
}

TEST_P(FaqMatcherTest, OnlyFoldersTheCallerMayRead) {
  FaqMatcher matcher(*db_);
  search::AccessFilter faq_only;
  faq_only.folders.insert("faq");
  auto hidden = matcher.match("Quel est le budget des primes ?", faq_only);
  ASSERT_TRUE(hidden.is_ok());
  if (hidden->has_value()) {
    EXPECT_NE((*hidden)->id, "e3");
  }
  auto shown = matcher.match("Quel est le budget des primes ?", search::AccessFilter::everything());
  ASSERT_TRUE(shown.is_ok() && shown->has_value());
  EXPECT_EQ((*shown)->id, "e3");
}

TEST_P(FaqMatcherTest, SeesNewEntries) {
  FaqMatcher matcher(*db_);
  auto all = search::AccessFilter::everything();
  auto before = matcher.match("Où trouver le menu de la cantine ?", all);
  ASSERT_TRUE(before.is_ok());
  EXPECT_FALSE(before->has_value());
  add_entry("e4", "faq", "Où trouver le menu de la cantine ?", "Sur l'intranet.");
  auto after = matcher.match("Où trouver le menu de la cantine ?", all);
  ASSERT_TRUE(after.is_ok() && after->has_value());
  EXPECT_EQ((*after)->id, "e4");
}

INSTANTIATE_TEST_SUITE_P(Backends, FaqMatcherTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::assistant
