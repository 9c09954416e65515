#include "assistant/question_terms.h"

#include <algorithm>
#include <map>
#include <set>

namespace sanad::assistant {

std::vector<text::Language> candidate_languages(std::string_view question) {
  auto guess = text::detect_language(question);
  if (guess.language != text::Language::kUnknown && guess.confidence >= text::kConfidentLanguage) {
    return {guess.language};
  }
  return {text::Language::kFrench, text::Language::kEnglish, text::Language::kArabic};
}

std::vector<WordForms> content_words(search::Analyzer& analyzer, std::string_view question,
                                     const std::vector<text::Language>& languages) {
  std::map<std::pair<uint32_t, uint32_t>, WordForms> by_word;
  std::map<std::pair<uint32_t, uint32_t>, size_t> kept_in;  // languages that kept the word
  for (text::Language lang : languages) {
    std::set<std::pair<uint32_t, uint32_t>> spans;
    for (const search::Term& t : analyzer.analyze(question, lang)) {
      by_word[{t.begin, t.end}].insert(t.text);
      spans.insert({t.begin, t.end});
    }
    for (const auto& span : spans) ++kept_in[span];
  }
  std::vector<WordForms> words;
  std::set<std::string> seen;
  for (auto& [span, forms] : by_word) {
    // A stop word in any candidate language ("du", "a") is not content.
    if (kept_in[span] < languages.size()) continue;
    bool repeated = std::all_of(forms.begin(), forms.end(), [&](const std::string& f) { return seen.count(f) > 0; });
    if (repeated) continue;
    seen.insert(forms.begin(), forms.end());
    words.push_back(std::move(forms));
  }
  if (words.empty()) {
    for (std::string& term : analyzer.analyze_query(question)) words.push_back(WordForms{std::move(term)});
  }
  return words;
}

WordForms text_forms(search::Analyzer& analyzer, std::string_view text, const std::vector<text::Language>& languages,
                     std::string_view extra) {
  WordForms forms;
  auto add = [&](text::Language lang) {
    for (search::Term& t : analyzer.analyze(text, lang)) forms.insert(std::move(t.text));
  };
  for (text::Language lang : languages) add(lang);
  if (auto parsed = text::parse_language_code(extra); parsed.is_ok() && *parsed != text::Language::kUnknown &&
                                                      std::find(languages.begin(), languages.end(), *parsed) ==
                                                          languages.end()) {
    add(*parsed);
  }
  return forms;
}

}  // namespace sanad::assistant
