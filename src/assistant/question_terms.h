#pragma once
// The content words of a question, for matching it against sentences (the
// extractive answerer) and against curated questions (the FAQ matcher): each word
// as the set of its analysed forms (stemmed, folded) in the question's language,
// or in French, English and Arabic when the language is uncertain. A word that is
// a stop word in any of those languages is left out. Thread-compatible: the
// Analyzer passed in is used by one thread at a time.

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "search/analyzer.h"
#include "text/language.h"

namespace sanad::assistant {

using WordForms = std::unordered_set<std::string>;

// The detected language when sure, else the three languages.
std::vector<text::Language> candidate_languages(std::string_view question);

// Distinct content words of `question` (a word repeated counts once). When every
// word is a stop word, the query's terms as search analyses them.
std::vector<WordForms> content_words(search::Analyzer& analyzer, std::string_view question,
                                     const std::vector<text::Language>& languages);

// Every analysed form of every word of `text` in `languages` (plus `extra` when
// it is a known language not among them).
WordForms text_forms(search::Analyzer& analyzer, std::string_view text, const std::vector<text::Language>& languages,
                     std::string_view extra = {});

}  // namespace sanad::assistant
