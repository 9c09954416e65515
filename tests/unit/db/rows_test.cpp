#include "db/rows.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sanad::db {
namespace {

Rows sample() {
  Rows rows(std::make_shared<Columns>(Columns{"id", "n", "x", "note"}));
  rows.add({std::string("a"), int64_t{42}, 2.5, std::monostate{}});
  rows.add({std::string("b"), int64_t{-1}, 3.0, std::string("hi")});
  return rows;
}

TEST(RowsTest, TypedGettersByIndexAndName) {
  Rows rows = sample();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].get_string("id"), "a");
  EXPECT_EQ(rows[0].get_int(1), 42);
  EXPECT_DOUBLE_EQ(rows[0].get_double("x"), 2.5);
  EXPECT_DOUBLE_EQ(rows[0].get_double("n"), 42.0);  // integers widen
  EXPECT_EQ(rows[1].get_int("x"), 3);               // integral reals narrow
  EXPECT_TRUE(rows[0].is_null("note"));
  EXPECT_EQ(rows[0].opt_string("note"), std::nullopt);
  EXPECT_EQ(rows[1].opt_string("note"), "hi");
  EXPECT_EQ(rows[1].opt_int("n"), -1);
}

TEST(RowsTest, MisuseIsAProgrammingError) {
  Rows rows = sample();
  EXPECT_THROW((void)rows[0].get_int("id"), std::logic_error);
  EXPECT_THROW((void)rows[0].get_int("x"), std::logic_error);  // 2.5 is not an integer
  EXPECT_THROW((void)rows[0].get_string("missing"), std::logic_error);
  EXPECT_THROW((void)rows[0].get_string("note"), std::logic_error);  // NULL
  EXPECT_THROW((void)rows[0].at(9), std::logic_error);
  EXPECT_THROW(rows.add({int64_t{1}}), std::logic_error);
}

TEST(ValueTest, ParameterListsPickTheRightAlternative) {
  Params params{5, "text", 1.5, kNull, true};
  EXPECT_EQ(std::get<int64_t>(params[0]), 5);
  EXPECT_EQ(std::get<std::string>(params[1]), "text");
  EXPECT_DOUBLE_EQ(std::get<double>(params[2]), 1.5);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(params[3]));
  EXPECT_EQ(std::get<int64_t>(params[4]), 1);
  EXPECT_EQ(value_debug_string(params[1]), "'text'");
}

}  // namespace
}  // namespace sanad::db
