#pragma once
// Stop-word lists for French, English and Arabic, in the folded form the analyser
// produces before stemming (case-folded, accents removed, Arabic letters unified).
// Pure functions over static immutable data; thread-safe.

#include <string_view>

#include "text/language.h"

namespace sanad::search {

// True when `folded_word` is a stop word of `language`. kUnknown never matches.
bool is_stop_word(text::Language language, std::string_view folded_word);

}  // namespace sanad::search
