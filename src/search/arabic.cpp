#include "search/arabic.h"

#include <array>

namespace sanad::search {
namespace {

bool is_arabic_mark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
         (c >= 0x0610 && c <= 0x061A) || (c >= 0x08D3 && c <= 0x08FF);
}

bool starts_with(const std::u32string& s, std::u32string_view prefix) {
  return s.size() >= prefix.size() && std::u32string_view(s).substr(0, prefix.size()) == prefix;
}

bool ends_with(const std::u32string& s, std::u32string_view suffix) {
  return s.size() >= suffix.size() &&
         std::u32string_view(s).substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool is_arabic_code_point(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

std::u32string fold_arabic(const std::u32string& word, HamzaSeats seats) {
  std::u32string out;
  out.reserve(word.size());
  for (char32_t c : word) {
    if (is_arabic_mark(c) || c == 0x0640) continue;  // tashkeel, tatweel
    switch (c) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
        c = 0x0627;  // alef forms
        break;
      case 0x0649: case 0x06CC: c = 0x064A; break;  // alef maqsura, Farsi yeh -> ya
      case 0x0629: c = 0x0647; break;               // ta marbuta -> ha
      case 0x06A9: c = 0x0643; break;               // keheh -> kaf
      case 0x0624:
        if (seats == HamzaSeats::kToHamza) c = 0x0621;
        else if (seats == HamzaSeats::kToCarrier) c = 0x0648;
        break;
      case 0x0626:
        if (seats == HamzaSeats::kToHamza) c = 0x0621;
        else if (seats == HamzaSeats::kToCarrier) c = 0x064A;
        break;
      default: break;
    }
    if (c >= 0x0660 && c <= 0x0669) c = U'0' + (c - 0x0660);  // Arabic-Indic digits
    if (c >= 0x06F0 && c <= 0x06F9) c = U'0' + (c - 0x06F0);
    out.push_back(c);
  }
  return out;
}

std::u32string light_stem_arabic(const std::u32string& folded_word) {
  std::u32string w = folded_word;
  if (w.size() > 3 && (w[0] == U'و' || w[0] == U'ف')) {
    w.erase(0, 1);
  }
  static constexpr std::array<std::u32string_view, 5> kArticles = {U"بال", U"كال", U"فال",
                                                                   U"ال", U"لل"};
  for (std::u32string_view article : kArticles) {
    if (starts_with(w, article) && w.size() - article.size() >= 2) {
      w.erase(0, article.size());
      break;
    }
  }
  static constexpr std::array<std::u32string_view, 8> kSuffixes = {
      U"ها", U"ان", U"ات", U"ون", U"ين", U"يه", U"ه", U"ي"};
  for (std::u32string_view suffix : kSuffixes) {
    if (ends_with(w, suffix) && w.size() - suffix.size() >= 2) {
      w.erase(w.size() - suffix.size());
    }
  }
  return w;
}

}  // namespace sanad::search
