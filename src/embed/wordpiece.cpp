#include "embed/wordpiece.h"

#include "text/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fstream>
#include <utility>

namespace sanad::embed {
namespace {

// Categories C* (control, format, unassigned, private use, surrogate), except
// the three whitespace controls, are dropped by BERT's text cleaning.
bool is_control(UChar32 c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  switch (u_charType(c)) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_UNASSIGNED:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
      return true;
    default:
      return false;
  }
}

bool is_whitespace(UChar32 c) {
  return c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c);
}

// BERT treats all non-alphanumeric ASCII as punctuation, plus Unicode P*.
bool is_punctuation(UChar32 c) {
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
      (c >= 123 && c <= 126)) {
    return true;
  }
  return u_ispunct(c);
}

// The CJK Unified Ideographs blocks, as BERT defines "Chinese characters".
bool is_cjk(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// Byte length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

Result<WordPieceTokenizer> WordPieceTokenizer::load(const std::string& vocab_path,
                                                    const WordPieceOptions& options) {
  std::ifstream in(vocab_path, std::ios::binary);
  if (!in) return not_found(vocab_path + ": cannot open the vocabulary file");
  std::vector<std::string> tokens;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    tokens.push_back(line);
  }
  auto result = from_tokens(std::move(tokens), options);
  if (!result.is_ok()) return result.status().with_context(vocab_path);
  return result;
}

Result<WordPieceTokenizer> WordPieceTokenizer::from_tokens(std::vector<std::string> tokens,
                                                           const WordPieceOptions& options) {
  WordPieceTokenizer t;
  t.options_ = options;
  t.tokens_ = std::move(tokens);
  for (size_t i = 0; i < t.tokens_.size(); ++i) {
    t.ids_[t.tokens_[i]] = static_cast<int32_t>(i);  // a repeated token: the last line wins, as in HF
  }
  auto find = [&](const std::string& token, int32_t& id) -> Status {
    auto it = t.ids_.find(token);
    if (it == t.ids_.end()) return invalid_argument("the vocabulary has no " + token + " token");
    id = it->second;
    return Status::ok();
  };
  SANAD_RETURN_IF_ERROR(find(options.unk_token, t.unk_id_));
  SANAD_RETURN_IF_ERROR(find(options.cls_token, t.cls_id_));
  SANAD_RETURN_IF_ERROR(find(options.sep_token, t.sep_id_));
  SANAD_RETURN_IF_ERROR(find(options.pad_token, t.pad_id_));
  return t;
}

std::vector<std::string> WordPieceTokenizer::pre_tokenize(std::string_view text) const {
  // 1. Clean (drop controls, map whitespace to ' ') and isolate CJK characters.
  icu::UnicodeString cleaned;
  {
    int32_t i = 0;
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    while (i < length) {
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (c < 0 || c == 0 || c == 0xFFFD || is_control(c)) continue;
      if (is_whitespace(c)) {
        cleaned.append(static_cast<UChar32>(' '));
      } else if (options_.split_chinese_chars && is_cjk(c)) {
        cleaned.append(static_cast<UChar32>(' ')).append(c).append(static_cast<UChar32>(' '));
      } else {
        cleaned.append(c);
      }
    }
  }
  // 2. Accent stripping (NFD, then drop non-spacing marks) and lower-casing.
  const bool strip = options_.strip_accents < 0 ? options_.lower_case : options_.strip_accents > 0;
  if (strip) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_SUCCESS(status)) {
      icu::UnicodeString decomposed = nfd->normalize(cleaned, status);
      if (U_SUCCESS(status)) {
        icu::UnicodeString kept;
        for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
          UChar32 c = decomposed.char32At(i);
          if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
        }
        cleaned = std::move(kept);
      }
    }
  }
  if (options_.lower_case) cleaned.toLower(icu::Locale::getRoot());

  // 3. Split on whitespace; every punctuation character is a word of its own.
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  for (int32_t i = 0; i < cleaned.length(); i = cleaned.moveIndex32(i, 1)) {
    UChar32 c = cleaned.char32At(i);
    if (is_whitespace(c)) {
      flush();
    } else if (is_punctuation(c)) {
      flush();
      text::append_utf8(current, c);
      flush();
    } else {
      text::append_utf8(current, c);
    }
  }
  flush();
  return words;
}

void WordPieceTokenizer::wordpiece(const std::string& word, std::vector<int32_t>& out) const {
  // Character boundaries of the word.
  std::vector<size_t> bounds;
  for (size_t i = 0; i < word.size(); i += utf8_length(static_cast<unsigned char>(word[i]))) {
    bounds.push_back(i);
  }
  bounds.push_back(word.size());
  const size_t chars = bounds.size() - 1;
  if (chars > options_.max_chars_per_word) {
    out.push_back(unk_id_);
    return;
  }
  const size_t mark = out.size();
  size_t start = 0;
  std::string piece;
  while (start < chars) {
    size_t end = chars;
    int32_t found = -1;
    while (end > start) {
      piece.assign(start > 0 ? "##" : "");
      piece.append(word, bounds[start], bounds[end] - bounds[start]);
      auto it = ids_.find(piece);
      if (it != ids_.end()) {
        found = it->second;
        break;
      }
      --end;
    }
    if (found < 0) {  // one unmatched piece makes the whole word unknown
      out.resize(mark);
      out.push_back(unk_id_);
      return;
    }
    out.push_back(found);
    start = end;
  }
}

std::vector<int32_t> WordPieceTokenizer::encode(std::string_view text) const {
  std::vector<int32_t> ids;
  for (const std::string& word : pre_tokenize(text)) {
    auto it = ids_.find(word);  // fast path: the whole word is a token
    if (it != ids_.end() && word.size() <= options_.max_chars_per_word) {
      ids.push_back(it->second);
    } else {
      wordpiece(word, ids);
    }
  }
  return ids;
}

std::vector<int32_t> WordPieceTokenizer::encode_with_specials(std::string_view text,
                                                              size_t max_length) const {
  std::vector<int32_t> ids = encode(text);
  const size_t room = max_length >= 2 ? max_length - 2 : 0;
  if (ids.size() > room) ids.resize(room);
  ids.insert(ids.begin(), cls_id_);
  ids.push_back(sep_id_);
  return ids;
}

}  // namespace sanad::embed
