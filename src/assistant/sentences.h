#pragma once
// Splits passage text into sentences for the extractive answerer: byte spans of
// the original text (so a sentence is always an exact substring), trimmed of
// surrounding whitespace and list markers. Ends a sentence at . ! ? ؟ … followed
// by a space or the end, at a line break that ends a paragraph or list item, and
// at ; only when the piece is already long. Not at decimal points ("3.5"),
// single-letter initials or common abbreviations (art., p., M., Dr., etc.).
// Pure; thread-safe.

#include <cstddef>
#include <string_view>
#include <vector>

namespace sanad::assistant {

struct SentenceSpan {
  size_t begin = 0;  // byte offsets in the text, end exclusive
  size_t end = 0;
};

std::vector<SentenceSpan> split_sentences(std::string_view text);

}  // namespace sanad::assistant
