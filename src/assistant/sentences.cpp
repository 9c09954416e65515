#include "assistant/sentences.h"

#include <array>
#include <cctype>
#include <string>

#include "core/strings.h"

namespace sanad::assistant {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Lower-cased words that end in a period without ending a sentence.
bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 22> kWords = {
      "art", "p", "pp", "m", "mm", "mme", "dr", "mr", "mrs", "ms", "st", "no", "n", "cf", "etc", "ex",
      "vol", "ch", "fig", "al", "e.g", "i.e"};
  std::string lower = core::ascii_lower(word);
  for (std::string_view w : kWords) {
    if (lower == w) return true;
  }
  return false;
}

// The word (letters, digits and inner dots) that ends just before byte `end`.
std::string_view word_before(std::string_view text, size_t end) {
  size_t begin = end;
  while (begin > 0 && !is_space(text[begin - 1]) && text[begin - 1] != '(' && text[begin - 1] != '"') --begin;
  return text.substr(begin, end - begin);
}

// Does a sentence end with the terminator at [pos, pos + len)?
bool ends_sentence(std::string_view text, size_t pos, size_t len) {
  size_t after = pos + len;
  // Closing quotes and brackets belong to the sentence they end.
  while (after < text.size() && (text[after] == '"' || text[after] == ')' || text[after] == '\'')) ++after;
  if (after < text.size() && !is_space(text[after])) return false;  // "3.5", "a.b"
  if (text[pos] == '.') {
    std::string_view word = word_before(text, pos);
    if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) return false;  // initials
    if (is_abbreviation(word)) return false;
  }
  return true;
}

// Byte length of a sentence terminator at `pos`, 0 when there is none.
size_t terminator_at(std::string_view text, size_t pos) {
  char c = text[pos];
  if (c == '.' || c == '!' || c == '?') return 1;
  if (text.substr(pos, 2) == "\xD8\x9F") return 2;      // ؟ Arabic question mark
  if (text.substr(pos, 3) == "\xE2\x80\xA6") return 3;  // … ellipsis
  return 0;
}

// Trims whitespace and list markers ("-", "*", "•", "1)", "a.") at the start.
SentenceSpan trimmed(std::string_view text, size_t begin, size_t end) {
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  std::string_view s = text.substr(begin, end - begin);
  size_t skip = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '*') && s.size() > 1 && s[1] == ' ') skip = 2;
  else if (s.substr(0, 3) == "\xE2\x80\xA2") skip = 3;  // •
  begin += skip;
  while (begin < end && is_space(text[begin])) ++begin;
  return {begin, end};
}

constexpr size_t kLongPieceForSemicolon = 240;

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view text) {
  std::vector<SentenceSpan> out;
  size_t start = 0;
  auto emit = [&](size_t end) {
    SentenceSpan s = trimmed(text, start, end);
    if (s.end > s.begin) out.push_back(s);
    start = end;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      // A blank line, or a line break before a list item or heading, ends the piece.
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      bool blank = j < text.size() && text[j] == '\n';
      bool item = j < text.size() && (text[j] == '-' || text[j] == '*' || text[j] == '#' ||
                                      text.substr(j, 3) == "\xE2\x80\xA2");
      if (blank || item || j >= text.size()) emit(i);
      continue;
    }
    if (text[i] == ';' && i - start >= kLongPieceForSemicolon) {
      emit(i + 1);
      continue;
    }
    size_t len = terminator_at(text, i);
    if (len == 0) continue;
    // Runs of terminators ("?!", "...") end together.
    size_t run = i + len;
    while (run < text.size()) {
      size_t more = terminator_at(text, run);
      if (more == 0) break;
      run += more;
    }
    if (ends_sentence(text, i, run - i)) {
      size_t end = run;
      while (end < text.size() && (text[end] == '"' || text[end] == ')' || text[end] == '\'')) ++end;
      emit(end);
      i = end - 1;
    } else {
      i = run - 1;
    }
  }
  emit(text.size());
  return out;
}

}  // namespace sanad::assistant
