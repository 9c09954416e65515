#include "text/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>

namespace sanad::text {

namespace {

// Frequent function words, chosen because they are common in one language and rare in
// the other (so "a", "on", "est" are left out: they are words in both).
constexpr std::array<std::string_view, 40> kFrenchWords = {
    "le", "la", "les", "des", "du", "de", "et", "un", "une", "pour", "dans", "sur", "par", "avec",
    "qui", "que", "ne", "pas", "ce", "cette", "ces", "sont", "au", "aux", "il", "elle", "nous",
    "vous", "leur", "mais", "ou", "où", "être", "été", "tout", "plus", "selon", "lors", "sans", "est"};
constexpr std::array<std::string_view, 48> kEnglishWords = {
    "the", "do", "my", "i", "your", "our", "we", "if", "and", "of", "to", "in", "is", "that", "for", "it", "with", "as", "was", "are", "be",
    "this", "by", "from", "or", "which", "have", "has", "not", "but", "they", "their", "you",
    "what", "when", "how", "who", "will", "can", "should", "must", "an", "at", "were", "been",
    "does", "any"};

bool is_arabic_letter(UChar32 c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || (c >= 0x06FA && c <= 0x06FF) ||
         (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

bool is_latin(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_LATIN && U_SUCCESS(status);
}

bool is_french_diacritic(UChar32 c) {
  switch (c) {
    case 0xE9: case 0xE8: case 0xEA: case 0xE0: case 0xE7: case 0xF9: case 0xFB:
    case 0xF4: case 0xEE: case 0xEF: case 0x153: case 0xE2: case 0xC9:
      return true;
    default:
      return false;
  }
}

template <size_t N>
bool contains(const std::array<std::string_view, N>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

LanguageGuess detect_language(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int arabic = 0, latin = 0, french_marks = 0;
  int french_words = 0, english_words = 0;
  std::string word;  // current lower-cased Latin word, UTF-8
  auto end_word = [&] {
    if (word.empty()) return;
    if (contains(kFrenchWords, word)) ++french_words;
    if (contains(kEnglishWords, word)) ++english_words;
    word.clear();
  };
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      end_word();
      continue;
    }
    if (is_arabic_letter(c)) {
      ++arabic;
      end_word();
    } else if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) && is_latin(c)) {
      ++latin;
      if (is_french_diacritic(u_tolower(c))) ++french_marks;
      UChar32 lower = u_tolower(c);
      char buf[4];
      int32_t n = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, lower, error);
      if (!error) word.append(buf, static_cast<size_t>(n));
    } else if (c == '\'' || c == 0x2019) {
      // Elision: "l'école" -> "l" counts as a French word on its own.
      if (word == "l" || word == "d" || word == "qu" || word == "j" || word == "n" || word == "s" ||
          word == "c") {
        ++french_words;
      }
      word.clear();
    } else {
      end_word();
    }
  }
  end_word();

  const int letters = arabic + latin;
  if (letters == 0) return {};
  if (arabic * 2 > letters) {
    double share = static_cast<double>(arabic) / letters;
    // Among the three languages, Arabic script is decisive even for one word.
    return {Language::kArabic, share};
  }
  double french = french_words + 0.5 * std::min(french_marks, 6);
  double english = english_words;
  if (french == 0 && english == 0) return {Language::kUnknown, 0.0};
  double total = french + english;
  double margin = std::abs(french - english) / total;  // 0..1
  double evidence = std::min(1.0, total / 4.0);         // 4+ signals: full weight
  Language language = french >= english ? Language::kFrench : Language::kEnglish;
  return {language, margin * (0.3 + 0.7 * evidence)};
}

std::string_view language_code(Language language) {
  switch (language) {
    case Language::kFrench: return "fr";
    case Language::kArabic: return "ar";
    case Language::kEnglish: return "en";
    case Language::kUnknown: return "und";
  }
  return "und";
}

Result<Language> parse_language_code(std::string_view code) {
  std::string lower(code);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower == "fr") return Language::kFrench;
  if (lower == "ar") return Language::kArabic;
  if (lower == "en") return Language::kEnglish;
  if (lower.empty() || lower == "und") return Language::kUnknown;
  return invalid_argument("unknown language code '" + std::string(code) + "': expected fr, ar or en");
}

}  // namespace sanad::text
