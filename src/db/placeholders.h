#pragma once
// SQL is written once with `?` placeholders; PostgreSQL wants `$1..$n`.
// Pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace sanad::db {

// Rewrites each `?` placeholder as `$1`, `$2`, ... in order. A `?` inside a
// single-quoted string ('it''s?', E'it\'s?'), a double-quoted identifier, a dollar-quoted
// string ($$...$$, $tag$...$tag$), a `-- line` or `/* block */` comment is kept as
// is. (PostgreSQL's jsonb `?` operators therefore cannot be written literally:
// use jsonb_exists() instead.)
std::string translate_placeholders(std::string_view sql);

// Number of `?` placeholders, with the same rules.
size_t count_placeholders(std::string_view sql);

}  // namespace sanad::db
