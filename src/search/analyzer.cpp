#include "search/analyzer.h"

#include "text/utf8.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_set>

#include "search/stop_words.h"

namespace sanad::search {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

std::string to_utf8(const std::u32string& s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t c : s) {
    text::append_utf8(out, c);
  }
  return out;
}

std::u32string to_u32(const icu::UnicodeString& s) {
  std::u32string out;
  out.reserve(static_cast<size_t>(s.length()));
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

bool is_apostrophe(char16_t c) { return c == u'\'' || c == 0x2019; }

char16_t lower_ascii(char16_t c) { return (c >= u'A' && c <= u'Z') ? c + 32 : c; }

// Number of UTF-16 units of a French elided word at the start of `word` (l' d' j'
// n' s' c' m' t' qu' and jusqu' lorsqu' puisqu' quoiqu', with ' or ’), or 0.
int32_t elision_length(const icu::UnicodeString& word) {
  static constexpr std::u16string_view kElided[] = {u"l", u"d", u"j", u"n", u"s", u"c", u"m",
                                                    u"t", u"qu", u"jusqu", u"lorsqu",
                                                    u"puisqu", u"quoiqu"};
  for (std::u16string_view prefix : kElided) {
    const auto n = static_cast<int32_t>(prefix.size());
    if (word.length() < n + 2 || !is_apostrophe(word[n])) continue;
    bool same = true;
    for (int32_t i = 0; i < n && same; ++i) same = lower_ascii(word[i]) == prefix[static_cast<size_t>(i)];
    if (same) return n + 1;
  }
  return 0;
}

}  // namespace

struct Analyzer::Stemmers {
  StemmerPtr french;
  StemmerPtr english;
  StemmerPtr arabic;
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* nfkc_casefold = nullptr;
  const icu::Normalizer2* nfd = nullptr;

  std::string stem(sb_stemmer* stemmer, const std::string& word) const {
    if (stemmer == nullptr) return word;
    const sb_symbol* out = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (out == nullptr) return word;
    return std::string(reinterpret_cast<const char*>(out),
                       static_cast<size_t>(sb_stemmer_length(stemmer)));
  }

  // Removes Latin combining accents (after canonical decomposition) and expands œ/æ.
  std::string fold_accents(const std::string& word) const {
    bool ascii = std::all_of(word.begin(), word.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) return word;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString decomposed = nfd->normalize(
        icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size()))),
        status);
    if (U_FAILURE(status)) return word;
    std::u32string out;
    for (char32_t c : to_u32(decomposed)) {
      if (c >= 0x0300 && c <= 0x036F) continue;
      if (c == U'œ') { out += U"oe"; continue; }
      if (c == U'æ') { out += U"ae"; continue; }
      out.push_back(c);
    }
    return to_utf8(out);
  }
};

Analyzer::Analyzer(AnalyzerOptions options)
    : options_(options), stemmers_(std::make_unique<Stemmers>()) {
  stemmers_->french.reset(sb_stemmer_new("french", "UTF_8"));
  stemmers_->english.reset(sb_stemmer_new("english", "UTF_8"));
  stemmers_->arabic.reset(sb_stemmer_new("arabic", "UTF_8"));
  UErrorCode status = U_ZERO_ERROR;
  stemmers_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) stemmers_->words.reset();
  status = U_ZERO_ERROR;
  stemmers_->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  status = U_ZERO_ERROR;
  stemmers_->nfd = icu::Normalizer2::getNFDInstance(status);
}

Analyzer::~Analyzer() = default;

std::vector<Term> Analyzer::analyze(std::string_view utf8, text::Language language) {
  return analyze_impl(utf8, language, options_.remove_stop_words);
}

std::vector<Term> Analyzer::analyze_impl(std::string_view utf8, text::Language language,
                                         bool remove_stop_words) {
  std::vector<Term> terms;
  if (utf8.empty() || !stemmers_->words || stemmers_->nfkc_casefold == nullptr) return terms;

  // UTF-16 copy of the text and, for each UTF-16 unit, its byte offset in the input.
  icu::UnicodeString u16;
  std::vector<uint32_t> offsets;
  offsets.reserve(utf8.size() + 1);
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    u16.append(c);
    offsets.push_back(static_cast<uint32_t>(start));
    if (U16_LENGTH(c) == 2) offsets.push_back(static_cast<uint32_t>(start));
  }
  offsets.push_back(static_cast<uint32_t>(utf8.size()));

  icu::BreakIterator& it = *stemmers_->words;
  it.setText(u16);
  int32_t begin = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; begin = end, end = it.next()) {
    if (it.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    icu::UnicodeString word(u16, begin, end - begin);
    int32_t word_begin = begin;
    if (language == text::Language::kFrench) {
      const int32_t elided = elision_length(word);
      if (elided > 0) {
        word.remove(0, elided);
        word_begin += elided;
      }
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = stemmers_->nfkc_casefold->normalize(word, status);
    if (U_FAILURE(status)) continue;
    std::u32string cps = to_u32(folded);
    const bool arabic = std::any_of(cps.begin(), cps.end(), is_arabic_code_point);

    std::string term;
    if (arabic) {
      std::u32string base = fold_arabic(cps, options_.hamza_seats);
      if (base.empty()) continue;
      std::string base8 = to_utf8(base);
      if (remove_stop_words && is_stop_word(text::Language::kArabic, base8)) continue;
      if (!options_.stem || options_.arabic_stemmer == ArabicStemmer::kNone) {
        term = std::move(base8);
      } else if (options_.arabic_stemmer == ArabicStemmer::kLight) {
        term = to_utf8(light_stem_arabic(base));
      } else {
        // Fed the fully folded form (ة already ه): measured better on the eval sets
        // than letting Snowball see ة/ى and folding its output (docs/search.md).
        term = stemmers_->stem(stemmers_->arabic.get(), base8);
      }
    } else {
      std::string lowered = to_utf8(cps);
      std::string accentless = stemmers_->fold_accents(lowered);
      if (accentless.empty()) continue;
      sb_stemmer* stemmer = nullptr;
      if (language == text::Language::kFrench) stemmer = stemmers_->french.get();
      if (language == text::Language::kEnglish) stemmer = stemmers_->english.get();
      if (remove_stop_words && is_stop_word(language, accentless)) continue;
      if (options_.stem && stemmer != nullptr) {
        term = stemmers_->fold_accents(stemmers_->stem(stemmer, lowered));
      } else {
        term = std::move(accentless);
      }
    }
    if (term.empty()) continue;
    terms.push_back(Term{std::move(term), offsets[static_cast<size_t>(word_begin)],
                         offsets[static_cast<size_t>(end)]});
  }
  return terms;
}

std::vector<std::string> Analyzer::analyze_query(std::string_view utf8) {
  const text::LanguageGuess guess = text::detect_language(utf8);
  std::vector<text::Language> languages;
  if (guess.language != text::Language::kUnknown && guess.confidence >= text::kConfidentLanguage) {
    languages.push_back(guess.language);
  } else {
    languages = {text::Language::kFrench, text::Language::kEnglish, text::Language::kArabic};
  }
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (bool drop_stop_words : {options_.remove_stop_words, false}) {
    for (text::Language language : languages) {
      for (Term& t : analyze_impl(utf8, language, drop_stop_words)) {
        if (seen.insert(t.text).second) out.push_back(std::move(t.text));
      }
    }
    if (!out.empty() || !drop_stop_words) break;
  }
  return out;
}

std::vector<std::pair<uint32_t, uint32_t>> highlight_offsets(
    std::string_view utf8, text::Language language, const std::vector<std::string>& terms,
    const AnalyzerOptions& options) {
  AnalyzerOptions keep_all = options;
  keep_all.remove_stop_words = false;
  Analyzer analyzer(keep_all);
  std::unordered_set<std::string_view> wanted(terms.begin(), terms.end());
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const Term& t : analyzer.analyze(utf8, language)) {
    if (wanted.count(t.text) > 0) out.emplace_back(t.begin, t.end);
  }
  return out;
}

}  // namespace sanad::search
