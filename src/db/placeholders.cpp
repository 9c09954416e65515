#include "db/placeholders.h"

#include <cctype>

namespace sanad::db {
namespace {

// Length of a dollar-quote opening tag ("$$" or "$tag$") at `pos`, or 0.
size_t dollar_tag_length(std::string_view sql, size_t pos) {
  size_t i = pos + 1;
  while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) {
    if (i == pos + 1 && std::isdigit(static_cast<unsigned char>(sql[i]))) return 0;  // $1 parameter
    ++i;
  }
  if (i < sql.size() && sql[i] == '$') return i - pos + 1;
  return 0;
}

// Walks `sql`, calling on_placeholder() for each `?` outside quotes and comments
// and on_text(begin, end) for every other span.
template <typename OnText, typename OnPlaceholder>
void scan(std::string_view sql, OnText on_text, OnPlaceholder on_placeholder) {
  size_t i = 0;
  size_t start = 0;
  auto skip_to = [&](size_t end) { i = end < sql.size() ? end : sql.size(); };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // Quoted text; a doubled quote is an escaped quote, and in a PostgreSQL
      // E'...' string so is a backslash-escaped one.
      bool backslash_escapes =
          c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
          (i < 2 || !(std::isalnum(static_cast<unsigned char>(sql[i - 2])) || sql[i - 2] == '_'));
      size_t j = i + 1;
      while (j < sql.size()) {
        if (backslash_escapes && sql[j] == '\\') {
          j += 2;
          continue;
        }
        if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      skip_to(j + 1);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      skip_to(j == std::string_view::npos ? sql.size() : j + 1);
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t j = sql.find("*/", i + 2);
      skip_to(j == std::string_view::npos ? sql.size() : j + 2);
    } else if (c == '$' && dollar_tag_length(sql, i) > 0) {
      size_t len = dollar_tag_length(sql, i);
      std::string_view tag = sql.substr(i, len);
      size_t j = sql.find(tag, i + len);
      skip_to(j == std::string_view::npos ? sql.size() : j + len);
    } else if (c == '?') {
      on_text(start, i);
      on_placeholder();
      ++i;
      start = i;
    } else {
      ++i;
    }
  }
  on_text(start, sql.size());
}

}  // namespace

std::string translate_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  size_t n = 0;
  scan(
      sql, [&](size_t b, size_t e) { out.append(sql.substr(b, e - b)); },
      [&] {
        out.push_back('$');
        out.append(std::to_string(++n));
      });
  return out;
}

size_t count_placeholders(std::string_view sql) {
  size_t n = 0;
  scan(
      sql, [](size_t, size_t) {}, [&] { ++n; });
  return n;
}

}  // namespace sanad::db
