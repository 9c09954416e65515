#pragma once
// Language identification for the three languages Sanad analyses (French, Arabic,
// English), from script and function-word evidence. Pure functions; thread-safe.
// Used per document and per chunk at ingestion, and per query at search time.

#include <string_view>

#include "core/status.h"

namespace sanad::text {

enum class Language { kUnknown, kFrench, kArabic, kEnglish };

struct LanguageGuess {
  Language language = Language::kUnknown;
  // 0..1: how sure the guess is. Below kConfidentLanguage a caller that must not
  // miss (query analysis) should consider every language.
  double confidence = 0.0;
};

inline constexpr double kConfidentLanguage = 0.5;

// Guesses the language of UTF-8 text. Invalid UTF-8 bytes are ignored.
LanguageGuess detect_language(std::string_view utf8);

// "fr", "ar", "en", or "und" for kUnknown.
std::string_view language_code(Language language);

// Accepts "fr", "ar", "en" (any case; "und" or "" is kUnknown).
Result<Language> parse_language_code(std::string_view code);

}  // namespace sanad::text
