#include "search/stop_words.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace sanad::search {
namespace {

// Small lists, searched linearly (a few dozen comparisons per token).
constexpr std::string_view kFrench[] = {
    "a", "ai", "aie", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans",
    "de", "des", "du", "elle", "elles", "en", "est", "et", "etaient", "etait", "ete", "etre",
    "eu", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma",
    "mais", "me", "meme", "mes", "moi", "mon", "n", "ne", "nos", "notre", "nous", "on", "ont",
    "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "sans", "se", "ses", "si",
    "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos",
    "votre", "vous", "y"};

constexpr std::string_view kEnglish[] = {
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did", "do", "does",
    "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is",
    "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we",
    "were", "which", "will", "with", "you", "your"};

// Folded forms: alef variants -> ا, ى -> ي, ة -> ه.
constexpr std::string_view kArabic[] = {
    "في", "من", "الي", "علي", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي",
    "الذين", "اللذين", "ان", "او", "ام", "ثم", "قد", "لقد", "كان", "كانت", "لا", "لم",
    "لن", "ما", "هو", "هي", "هم", "هن", "انا", "نحن", "انت", "انتم", "كل", "بعض", "غير",
    "حتي", "اذا", "اذ", "لكن", "ولكن", "بل", "و", "ف", "ب", "ل", "ك", "عند", "بين", "منذ",
    "به", "بها", "له", "لها", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "هل"};

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

}  // namespace

bool is_stop_word(text::Language language, std::string_view folded_word) {
  switch (language) {
    case text::Language::kFrench: return contains(kFrench, folded_word);
    case text::Language::kEnglish: return contains(kEnglish, folded_word);
    case text::Language::kArabic: return contains(kArabic, folded_word);
    case text::Language::kUnknown: return false;
  }
  return false;
}

}  // namespace sanad::search
