#include "documents/extract/block_emitter.h"

#include "text/normalize.h"

namespace sanad::documents::detail {

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
    std::size_t extra = 0;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      space = true;  // U+00A0 no-break space
      extra = 1;
    }
    if (space) {
      pending_space = !out.empty();
      i += extra;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::size_t utf8_floor(std::string_view s, std::size_t max) {
  if (max >= s.size()) return s.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

namespace {

// Code keeps its line structure, but blank lines would collide with the block
// separator, so runs of newlines become one and trailing spaces go.
std::string clean_code(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\r') continue;
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      if (out.empty() || out.back() == '\n') continue;
    }
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

Status BlockEmitter::emit(BlockKind kind, int level, std::string_view raw_text, int page) {
  std::string normalized = text::nfkc(raw_text);
  std::string cleaned = kind == BlockKind::kCode ? clean_code(normalized) : collapse_whitespace(normalized);
  std::string_view rest = cleaned;
  while (!rest.empty()) {
    std::size_t n = rest.size();
    if (n > limits_.max_block_bytes) {
      n = utf8_floor(rest, limits_.max_block_bytes);
      const std::size_t space = rest.substr(0, n).rfind(' ');
      if (space != std::string_view::npos && space > n / 2) n = space;
      if (n == 0) n = limits_.max_block_bytes;  // not UTF-8 aligned: cannot happen after nfkc
    }
    std::string_view piece = rest.substr(0, n);
    rest.remove_prefix(n);
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\n')) piece.remove_suffix(1);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\n')) rest.remove_prefix(1);
    if (piece.empty()) continue;
    Block block;
    block.kind = kind;
    block.level = kind == BlockKind::kHeading ? level : 0;
    block.text = std::string(piece);
    block.page = page;
    ++count_;
    SANAD_RETURN_IF_ERROR(sink_(std::move(block)));
  }
  return Status::ok();
}

}  // namespace sanad::documents::detail
