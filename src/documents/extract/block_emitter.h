#pragma once
// Internal to the extractors: cleans block text and forwards it to the sink.
// Cleaning = NFKC, whitespace runs collapsed to one space (code blocks keep their
// lines), leading/trailing space trimmed, empty blocks dropped, and text longer than
// ExtractLimits::max_block_bytes split at a space or character boundary into
// consecutive blocks of the same kind. Not thread-safe (one per extraction).

#include <string>

#include "documents/block.h"

namespace sanad::documents::detail {

class BlockEmitter {
 public:
  BlockEmitter(const ExtractLimits& limits, const BlockSink& sink) : limits_(limits), sink_(sink) {}

  Status emit(BlockKind kind, int level, std::string_view raw_text, int page);

  // Number of non-empty blocks emitted so far.
  std::size_t count() const { return count_; }

 private:
  const ExtractLimits& limits_;
  const BlockSink& sink_;
  std::size_t count_ = 0;
};

// Collapses every run of Unicode-less ASCII whitespace (space, tab, CR, LF, FF, VT)
// and U+00A0 to one space and trims both ends.
std::string collapse_whitespace(std::string_view s);

// Largest n <= max such that s.substr(0, n) ends on a UTF-8 character boundary.
std::size_t utf8_floor(std::string_view s, std::size_t max);

}  // namespace sanad::documents::detail
