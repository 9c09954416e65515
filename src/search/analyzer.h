#pragma once
// Text analysis for search: ICU word breaking, NFKC + case folding, per-language
// folding (French elisions and accents, Arabic letter forms), stop words and
// stemming (Snowball French/English; Arabic light or Snowball stemmer).
// Stored text is never altered: every term carries byte offsets into the input.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "search/arabic.h"
#include "text/language.h"

namespace sanad::search {

enum class ArabicStemmer { kNone, kLight, kSnowball };

struct AnalyzerOptions {
  // Defaults chosen by measurement on the Arabic eval sets (docs/search.md).
  ArabicStemmer arabic_stemmer = ArabicStemmer::kSnowball;
  HamzaSeats hamza_seats = HamzaSeats::kToHamza;
  bool remove_stop_words = true;
  bool stem = true;  // false: folding only (used by tests and measurements)
};

// One index term and where the word it came from lies in the original text.
struct Term {
  std::string text;    // analysed form (UTF-8)
  uint32_t begin = 0;  // byte offset of the word in the original UTF-8 text
  uint32_t end = 0;    // one past its last byte
};

// Holds the Snowball stemmers. Not thread-safe (Snowball stemmers keep state):
// use one Analyzer per thread or per call; construction is cheap (microseconds).
class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Terms of a stored text written in `language`. Arabic-script words are always
  // analysed as Arabic; other words in kUnknown or kArabic text are folded but not
  // stemmed. Stop words are dropped (unless disabled).
  std::vector<Term> analyze(std::string_view utf8, text::Language language);

  // Distinct terms of a query: analysed in its detected language, or in all three
  // when detection is below text::kConfidentLanguage. If every word is a stop word,
  // the stop words are kept so the query is not empty.
  std::vector<std::string> analyze_query(std::string_view utf8);

  const AnalyzerOptions& options() const { return options_; }

 private:
  struct Stemmers;
  std::vector<Term> analyze_impl(std::string_view utf8, text::Language language,
                                 bool remove_stop_words);
  AnalyzerOptions options_;
  std::unique_ptr<Stemmers> stemmers_;
};

// Byte ranges [begin, end) of the words of `utf8` (analysed in `language` with
// `options`) whose analysed form is one of `terms` — for highlighting hits.
std::vector<std::pair<uint32_t, uint32_t>> highlight_offsets(
    std::string_view utf8, text::Language language, const std::vector<std::string>& terms,
    const AnalyzerOptions& options = {});

}  // namespace sanad::search
