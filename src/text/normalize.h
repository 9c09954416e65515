#pragma once
// Unicode normalisation shared by ingestion and search. Thread-safe.

#include <string>
#include <string_view>

namespace sanad::text {

// NFKC-normalised copy of UTF-8 text (compatibility forms folded: ligatures,
// full-width letters, Arabic presentation forms). Invalid UTF-8 sequences become
// U+FFFD.
std::string nfkc(std::string_view utf8);

// True when `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

}  // namespace sanad::text
