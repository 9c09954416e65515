#pragma once
// Arabic orthographic folding and light stemming, on code points. Search-side only:
// stored text is never altered. Pure functions; thread-safe.

#include <string>

namespace sanad::search {

// How the hamza seats ؤ and ئ are folded.
enum class HamzaSeats { kKeep, kToHamza, kToCarrier };

// Removes tashkeel (harakat, tanwin, shadda, sukun, Qur'anic annotation marks,
// dagger alef) and tatweel; unifies alef forms (أ إ آ ٱ) to ا, ى to ي, ة to ه,
// Persian kaf/yeh to Arabic ones, and folds hamza seats per `seats`.
std::u32string fold_arabic(const std::u32string& word, HamzaSeats seats);

// Light stemming of an already folded word: strips one leading conjunction و/ف,
// then the definite article with an optional attached preposition (ال بال كال فال
// لل), then common suffixes (ها ان ات ون ين يه ه ي), always leaving at least two
// letters. Inspired by the "light10" family of Arabic light stemmers.
std::u32string light_stem_arabic(const std::u32string& folded_word);

// True when the code point is an Arabic-script letter or mark.
bool is_arabic_code_point(char32_t c);

}  // namespace sanad::search
