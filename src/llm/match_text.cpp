#include "llm/match_text.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "text/normalize.h"

namespace sanad::llm {
namespace {

// Arabic tashkeel, Quranic annotation marks and tatweel: ignored when matching.
bool is_arabic_mark(UChar32 c) {
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 ||
         (c >= 0x06EA && c <= 0x06ED) || c == 0x0640;
}

bool is_combining(UChar32 c) {
  int8_t type = static_cast<int8_t>(u_charType(c));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

UChar32 unify(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x02BC:
    case 0x2032: return '\'';
    case 0x00A0:
    case 0x202F: return ' ';
    default: return c;
  }
}

// Decodes the code point at `i`, advancing it; invalid bytes become U+FFFD.
UChar32 next(std::string_view s, size_t& i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(pos);
  return c < 0 ? 0xFFFD : c;
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

}  // namespace

MatchText::MatchText(std::string_view original) {
  normalized_.reserve(original.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < original.size()) {
    // A segment is one base character with the combining marks that follow it,
    // so that NFKC composes "e" + U+0301 the same way wherever it appears.
    const size_t begin = i;
    UChar32 base = unify(next(original, i));
    std::string segment;
    if (!is_arabic_mark(base)) append_utf8(segment, base);
    while (i < original.size()) {
      size_t peek = i;
      UChar32 c = next(original, peek);
      if (!is_combining(c) && !is_arabic_mark(c)) break;
      i = peek;
      if (!is_arabic_mark(c)) append_utf8(segment, c);
    }
    if (segment.empty()) continue;
    if (u_isUWhiteSpace(base) || base < 0x20) {
      pending_space = !normalized_.empty();
      continue;
    }
    std::string folded;
    if (segment.size() == 1) {
      char ch = segment[0];
      folded.assign(1, (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch);
    } else {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(text::nfkc(segment));
      u.foldCase();
      u.toUTF8String(folded);
    }
    if (pending_space) {
      normalized_.push_back(' ');
      from_.push_back(begin);
      to_.push_back(begin);
      pending_space = false;
    }
    normalized_ += folded;
    from_.insert(from_.end(), folded.size(), begin);
    to_.insert(to_.end(), folded.size(), i);
  }
}

std::optional<MatchText::Span> MatchText::find(std::string_view needle) const {
  std::string n = normalize_for_match(needle);
  if (n.empty()) return std::nullopt;
  size_t pos = normalized_.find(n);
  if (pos == std::string::npos) return std::nullopt;
  return Span{from_[pos], to_[pos + n.size() - 1]};
}

std::string normalize_for_match(std::string_view text) {
  return MatchText(text).normalized();
}

size_t utf8_char_count(std::string_view text, size_t offset) {
  size_t count = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace sanad::llm
