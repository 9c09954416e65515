#pragma once
// Normalised text for checking that a quote occurs in a source: NFKC, case
// folded, Arabic diacritics and tatweel removed, typographic apostrophes
// unified and whitespace collapsed — while remembering, for every byte of the
// normalised text, where it came from in the original. Pure; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanad::llm {

class MatchText {
 public:
  // Normalises `original` (UTF-8; invalid bytes become U+FFFD).
  explicit MatchText(std::string_view original);

  const std::string& normalized() const { return normalized_; }

  // Byte span [begin, end) in the original text whose normalisation contains
  // `needle`'s normalisation; nullopt when absent or when `needle` normalises
  // to nothing.
  struct Span {
    size_t begin = 0;
    size_t end = 0;
  };
  std::optional<Span> find(std::string_view needle) const;

 private:
  std::string normalized_;
  std::vector<size_t> from_;  // per normalised byte: original begin of its segment
  std::vector<size_t> to_;    // per normalised byte: original end of its segment
};

// The normalised form alone (what MatchText::normalized() holds).
std::string normalize_for_match(std::string_view text);

// Number of code points in the UTF-8 text before byte `offset`.
size_t utf8_char_count(std::string_view text, size_t offset);

}  // namespace sanad::llm
