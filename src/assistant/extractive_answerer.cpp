#include "assistant/extractive_answerer.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "assistant/question_terms.h"
#include "assistant/sentences.h"
#include "search/analyzer.h"
#include "text/language.h"

namespace sanad::assistant {

namespace {

struct Candidate {
  int n = 0;
  size_t source_rank = 0;
  size_t begin = 0;
  size_t end = 0;
  std::vector<bool> covered;
  double coverage = 0;
  double similarity = 0;
  double score = 0;
};

// Cuts [begin, end) of `text` to at most `max_bytes`, at a space.
size_t cut_end(std::string_view text, size_t begin, size_t end, size_t max_bytes) {
  if (end - begin <= max_bytes) return end;
  size_t cut = begin + max_bytes;
  while (cut > begin && text[cut] != ' ') --cut;
  if (cut == begin) {
    cut = begin + max_bytes;
    while (cut > begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return cut;
}

// Every sentence of `sources` that holds a question word, best first. With
// `until_full`, returns at once (unsorted) when a sentence holds them all: enough
// for the best coverage alone, which cannot exceed 1.
std::vector<Candidate> score_sentences(std::string_view question, const std::vector<ExtractiveSource>& sources,
                                       size_t max_sentence_bytes, bool until_full = false) {
  search::Analyzer analyzer;
  auto languages = candidate_languages(question);
  auto words = content_words(analyzer, question, languages);
  std::vector<Candidate> out;
  if (words.empty()) return out;
  for (size_t rank = 0; rank < sources.size(); ++rank) {
    const ExtractiveSource& src = sources[rank];
    for (const SentenceSpan& span : split_sentences(src.text)) {
      Candidate c;
      c.n = src.n;
      c.source_rank = rank;
      c.begin = span.begin;
      c.end = cut_end(src.text, span.begin, span.end, max_sentence_bytes);
      std::string_view sentence = src.text.substr(c.begin, c.end - c.begin);
      WordForms forms = text_forms(analyzer, sentence, languages, src.language);
      c.covered.resize(words.size());
      size_t hits = 0;
      for (size_t w = 0; w < words.size(); ++w) {
        c.covered[w] = std::any_of(words[w].begin(), words[w].end(),
                                   [&](const std::string& f) { return forms.count(f) > 0; });
        hits += c.covered[w] ? 1 : 0;
      }
      if (hits == 0) continue;
      c.coverage = static_cast<double>(hits) / static_cast<double>(words.size());
      // Coverage first; then the retrieval rank; then a mild preference for
      // sentences of a readable length (not a bare heading, not a wall of text).
      double length_fit = sentence.size() < 40 ? 0.6 : (sentence.size() > 400 ? 0.8 : 1.0);
      c.score = c.coverage + 0.05 / (1.0 + static_cast<double>(rank)) + 0.05 * length_fit;
      out.push_back(std::move(c));
      if (until_full && hits == words.size()) return out;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  return out;
}

// Mixes the cosine with the question into the score of the best candidates that
// reach `min_coverage` and lie within similarity_weight of the best score (at most
// options.similarity_candidates, in score order, so best by coverage) and puts
// them back in order; the rest keep their order after them. Returns
// false, leaving `candidates` as they were, when there is nothing to compare or
// the similarity fails.
bool rerank_by_similarity(std::string_view question, const std::vector<ExtractiveSource>& sources,
                          const ExtractiveOptions& options, const SentenceSimilarity& similarity,
                          std::vector<Candidate>& candidates) {
  // Only candidates the cosine can reorder: within similarity_weight of the best
  // score (the weight times a cosine gap of 1, more than sentence models give
  // between two sentences that both cover the question).
  std::vector<size_t> picked;
  const double floor = candidates.front().score - options.similarity_weight;
  for (size_t i = 0; i < candidates.size() && picked.size() < options.similarity_candidates; ++i) {
    if (candidates[i].score < floor) break;
    if (candidates[i].coverage >= options.min_coverage) picked.push_back(i);
  }
  if (picked.size() < 2) return false;
  std::vector<std::string> texts;
  texts.reserve(picked.size());
  for (size_t i : picked) {
    const Candidate& c = candidates[i];
    std::string_view text = sources[c.source_rank].text;
    texts.emplace_back(text.substr(c.begin, cut_end(text, c.begin, c.end, options.similarity_bytes) - c.begin));
  }
  auto cosines = similarity(question, texts);
  if (!cosines || cosines->size() != picked.size()) return false;
  std::vector<Candidate> head;
  std::vector<Candidate> rest;
  std::vector<bool> is_picked(candidates.size(), false);
  for (size_t j = 0; j < picked.size(); ++j) {
    Candidate& c = candidates[picked[j]];
    c.similarity = (*cosines)[j];
    c.score += options.similarity_weight * c.similarity;
    is_picked[picked[j]] = true;
    head.push_back(std::move(c));
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!is_picked[i]) rest.push_back(std::move(candidates[i]));
  }
  std::stable_sort(head.begin(), head.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  head.insert(head.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  candidates = std::move(head);
  return true;
}

std::string_view lang_or_en(std::string_view language) {
  if (language == "fr" || language == "ar") return language;
  return "en";
}

// Opening and closing quotation marks for `quote`, none of which it contains;
// empty when every pair occurs in it.
std::pair<std::string, std::string> quote_marks(std::string_view language, std::string_view quote) {
  std::vector<std::pair<std::string, std::string>> marks = {{"\xC2\xAB", "\xC2\xBB"},          // « »
                                                             {"\xE2\x80\x9C", "\xE2\x80\x9D"},  // “ ”
                                                             {"\"", "\""}};
  if (lang_or_en(language) == "en") std::swap(marks[0], marks[1]);
  for (const auto& m : marks) {
    if (quote.find(m.first) == std::string_view::npos && quote.find(m.second) == std::string_view::npos) return m;
  }
  return {};
}

}  // namespace

std::string refusal_text(std::string_view language) {
  std::string_view l = lang_or_en(language);
  if (l == "fr") return "Les sources disponibles ne contiennent pas la réponse à cette question.";
  if (l == "ar") return "لا تتضمن المصادر المتاحة إجابة عن هذا السؤال.";
  return "The available sources do not contain the answer to this question.";
}

std::string answer_intro(std::string_view language) {
  std::string_view l = lang_or_en(language);
  if (l == "fr") return "D'après les sources :";
  if (l == "ar") return "وفقًا للمصادر:";
  return "According to the sources:";
}

double evidence_strength(std::string_view question, const std::vector<ExtractiveSource>& sources) {
  auto candidates = score_sentences(question, sources, ExtractiveOptions{}.max_sentence_bytes, /*until_full=*/true);
  double best = 0;
  for (const Candidate& c : candidates) best = std::max(best, c.coverage);
  return best;
}

ExtractiveAnswer answer_extractively(std::string_view question, std::string_view language,
                                     const std::vector<ExtractiveSource>& sources,
                                     const ExtractiveOptions& options, const SentenceSimilarity& similarity) {
  ExtractiveAnswer answer;
  auto candidates = score_sentences(question, sources, options.max_sentence_bytes);
  for (const Candidate& c : candidates) answer.best_coverage = std::max(answer.best_coverage, c.coverage);
  if (candidates.empty() || answer.best_coverage < options.min_coverage) {
    answer.text = refusal_text(language);
    return answer;
  }
  if (similarity) answer.used_similarity = rerank_by_similarity(question, sources, options, similarity, candidates);
  // Ordered by coverage, the first candidate under a threshold ends the search;
  // reordered by similarity, a later one may still pass.
  const bool stop_at_threshold = !answer.used_similarity;
  std::vector<const Candidate*> chosen;
  std::vector<bool> covered(candidates.front().covered.size(), false);
  std::set<int> used_sources;
  std::set<std::string> seen_text;
  size_t bytes = 0;
  for (const Candidate& c : candidates) {
    if (chosen.size() >= options.max_sentences) break;
    if (c.coverage < options.min_coverage) {
      if (stop_at_threshold) break;
      continue;
    }
    const ExtractiveSource& src = sources[c.source_rank];
    std::string_view text = src.text.substr(c.begin, c.end - c.begin);
    if (!chosen.empty()) {
      if (c.coverage < answer.best_coverage * options.companion_ratio) {
        if (stop_at_threshold) break;
        continue;
      }
      bool adds_term = false;
      for (size_t w = 0; w < covered.size(); ++w) adds_term = adds_term || (c.covered[w] && !covered[w]);
      if (!adds_term && used_sources.count(c.n) > 0) continue;
      if (bytes + text.size() > options.max_answer_bytes) continue;
    }
    if (quote_marks(language, text).first.empty()) continue;
    if (!seen_text.insert(std::string(text)).second) continue;
    chosen.push_back(&c);
    bytes += text.size();
    used_sources.insert(c.n);
    for (size_t w = 0; w < covered.size(); ++w) covered[w] = covered[w] || c.covered[w];
  }
  if (chosen.empty()) {
    answer.text = refusal_text(language);
    return answer;
  }
  answer.answered = true;
  answer.text = answer_intro(language);
  answer.text += "\n";
  for (const Candidate* c : chosen) {
    const ExtractiveSource& src = sources[c->source_rank];
    std::string quote(src.text.substr(c->begin, c->end - c->begin));
    auto [open, close] = quote_marks(language, quote);
    answer.text += "\n- " + open + quote + close + " [" + std::to_string(c->n) + "]";
    ExtractivePick pick;
    pick.n = c->n;
    pick.quote = std::move(quote);
    pick.begin = c->begin;
    pick.end = c->end;
    pick.coverage = c->coverage;
    pick.similarity = c->similarity;
    pick.score = c->score;
    answer.picks.push_back(std::move(pick));
  }
  return answer;
}

}  // namespace sanad::assistant
