#include "db/placeholders.h"

#include <gtest/gtest.h>

namespace sanad::db {
namespace {

TEST(PlaceholdersTest, NumbersEachPlaceholderInOrder) {
  EXPECT_EQ(translate_placeholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)"),
            "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
  EXPECT_EQ(translate_placeholders("SELECT 1"), "SELECT 1");
  EXPECT_EQ(count_placeholders("VALUES (?, ?, ?)"), 3u);
}

TEST(PlaceholdersTest, KeepsQuestionMarksInsideLiteralsAndComments) {
  EXPECT_EQ(translate_placeholders("SELECT '?' AS q, ? AS p"), "SELECT '?' AS q, $1 AS p");
  EXPECT_EQ(translate_placeholders("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(translate_placeholders("SELECT \"odd?name\" FROM t WHERE x = ?"),
            "SELECT \"odd?name\" FROM t WHERE x = $1");
  EXPECT_EQ(translate_placeholders("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(translate_placeholders("SELECT /* ? */ ?"), "SELECT /* ? */ $1");
  EXPECT_EQ(translate_placeholders("SELECT $$a?b$$, $tag$?$tag$, ?"), "SELECT $$a?b$$, $tag$?$tag$, $1");
  EXPECT_EQ(count_placeholders("SELECT '?', \"?\", ? /* ? */"), 1u);
}

TEST(PlaceholdersTest, HonoursBackslashEscapesOnlyInEStrings) {
  EXPECT_EQ(translate_placeholders(R"(SELECT E'it\'s ?', ?)"), R"(SELECT E'it\'s ?', $1)");
  // In a standard string a backslash is an ordinary character.
  EXPECT_EQ(translate_placeholders(R"(SELECT 'C:\', ?)"), R"(SELECT 'C:\', $1)");
  // "type'...'" is not an E-string.
  EXPECT_EQ(translate_placeholders(R"(SELECT type'\', ?)"), R"(SELECT type'\', $1)");
}

TEST(PlaceholdersTest, UnterminatedLiteralSwallowsTheRest) {
  // Invalid SQL: nothing after the open quote is treated as a placeholder.
  EXPECT_EQ(translate_placeholders("SELECT ?, 'oops ?"), "SELECT $1, 'oops ?");
}

}  // namespace
}  // namespace sanad::db
