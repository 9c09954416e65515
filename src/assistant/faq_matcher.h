#pragma once
// Curated answers: finds the imported FAQ entry (`faq_entries`) whose question is
// closest to the user's, among the folders the caller may read, and says whether
// it is close enough to answer with it. Similarity: the share of content words
// (stemmed, stop words removed) the two questions have in common, counted from
// both sides, each word weighted by its rarity among the curated questions (a
// word most entries share, "jours", counts less than "décès"); 1.0 for the same
// words in any order. The analysed entries are
// kept in memory and reloaded when the table changes (count or last update).
// Thread-safe; the Database must outlive the matcher.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "assistant/question_terms.h"
#include "core/status.h"
#include "db/database.h"
#include "search/search_index.h"

namespace sanad::assistant {

struct FaqMatch {
  std::string id;
  std::string folder_id;
  std::string question;
  std::string answer;
  std::string source;  // the entry's own source note; may be empty
  double similarity = 0;  // 0..1
};

// How much a word counts; empty: every word counts 1.
using WordWeight = std::function<double(const WordForms&)>;

// Similarity of two questions' content words (see above): the weight of the
// words of each that the other has, over the weight of all their words. Exposed
// for tests and measurement.
double question_similarity(const std::vector<WordForms>& a, const std::vector<WordForms>& b,
                           const WordWeight& weight = {});

class FaqMatcher {
 public:
  // Minimum similarity for a curated answer. Chosen by measurement (docs/answers.md).
  static constexpr double kDefaultThreshold = 0.5;

  explicit FaqMatcher(db::Database& db, double threshold = kDefaultThreshold) : db_(db), threshold_(threshold) {}

  // The best entry the caller may read when its similarity reaches the threshold;
  // nullopt otherwise. Errors come from the database.
  Result<std::optional<FaqMatch>> match(std::string_view question, const search::AccessFilter& access);

  // The best entry whatever its similarity (for measurement); nullopt when none
  // is readable.
  Result<std::optional<FaqMatch>> best(std::string_view question, const search::AccessFilter& access);

  double threshold() const { return threshold_; }

 private:
  struct Entry {
    FaqMatch faq;
    std::vector<WordForms> words;
    std::string normalized;  // the question under llm::normalize_for_match
  };
  struct Snapshot {
    std::string signature;
    std::vector<Entry> entries;
    std::unordered_map<std::string, size_t> entries_with_form;  // document frequency per form
  };
  Result<std::shared_ptr<const Snapshot>> snapshot();

  db::Database& db_;
  const double threshold_;
  std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace sanad::assistant
