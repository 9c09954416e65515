#pragma once
// The built-in answerer used when no language model is configured: picks the
// sentences of the given sources that best cover the question's terms (and,
// when a SentenceSimilarity is given, are closest to it in meaning) and composes a short answer in the question's language, each sentence quoted
// exactly (a substring of its source) and cited [n], so citation verification
// holds by construction. When no sentence covers enough of the question it
// refuses: answered = false and a reply saying the sources do not contain the
// answer. Thread-safe (an analyser is made per call).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sanad::assistant {

struct ExtractiveOptions {
  // Share of the question's terms (after stemming, stop words removed) the best
  // sentence must contain for an answer; below it the answerer refuses. Chosen by
  // measurement (docs/answers.md).
  double min_coverage = 0.5;
  // A further sentence is added only when it covers at least this share of the
  // best sentence's coverage and adds a term the answer lacks or a new source.
  double companion_ratio = 0.75;
  size_t max_sentences = 3;
  size_t max_sentence_bytes = 600;  // longer sentences are cut at a word boundary
  size_t max_answer_bytes = 1200;   // quoted text, all sentences together
  // With a SentenceSimilarity: how many sentences (reaching min_coverage, within
  // similarity_weight of the best score, best first) are compared with the
  // question, and how many bytes of each (its opening, cut at a space) — together
  // they bound the embedding cost — and the weight of the cosine in their score
  // (docs/answers.md). Refusal and the companion rule still look at coverage alone.
  size_t similarity_candidates = 8;
  size_t similarity_bytes = 300;
  double similarity_weight = 0.25;
};

// The cosine similarity of `question` with each of `sentences`, in order (each in
// -1..1). Called at most once per answer, never with more than
// ExtractiveOptions::similarity_candidates sentences, on the caller's thread. An
// error, or a result of another size, leaves the ranking on coverage alone.
using SentenceSimilarity =
    std::function<Result<std::vector<double>>(std::string_view question, const std::vector<std::string>& sentences)>;

struct ExtractiveSource {
  int n = 0;              // number cited as [n]
  std::string_view text;  // the source text; must outlive the call
  std::string language;   // "fr", "ar", "en" or "" (the passage's language)
};

struct ExtractivePick {
  int n = 0;
  std::string quote;  // exact substring of the source
  size_t begin = 0;   // byte span of `quote` in the source text
  size_t end = 0;
  double coverage = 0;    // share of question terms it contains
  double similarity = 0;  // cosine with the question; 0 when not computed
  double score = 0;
};

struct ExtractiveAnswer {
  bool answered = false;
  std::string text;                  // the reply (markdown), citations inline as [n]
  std::vector<ExtractivePick> picks;  // in the order they appear in `text`
  double best_coverage = 0;          // evidence strength, 0..1
  bool used_similarity = false;      // the SentenceSimilarity took part in the ranking
};

// `language` is the reply's language ("fr", "ar", "en"; anything else: "en").
// Sources come best first; an earlier source wins ties. `similarity` empty: the
// ranking is on coverage alone.
ExtractiveAnswer answer_extractively(std::string_view question, std::string_view language,
                                     const std::vector<ExtractiveSource>& sources,
                                     const ExtractiveOptions& options = {},
                                     const SentenceSimilarity& similarity = {});

// Evidence strength alone: the best sentence coverage of the question over the
// sources (what answer_extractively compares with min_coverage).
double evidence_strength(std::string_view question, const std::vector<ExtractiveSource>& sources);

// The reply when the sources do not support an answer, in `language`.
std::string refusal_text(std::string_view language);
// The line that opens an extractive answer ("D'après les sources :", ...).
std::string answer_intro(std::string_view language);

}  // namespace sanad::assistant
