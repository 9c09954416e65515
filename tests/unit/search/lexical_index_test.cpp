#include "search/lexical_index.h"

#include <gtest/gtest.h>

#include <map>

#include <cmath>
#include <random>

namespace sanad::search {
namespace {

FieldTerms body(std::vector<std::string> terms) {
  FieldTerms f;
  f.body = std::move(terms);
  return f;
}

const auto kAll = [](uint32_t) { return true; };

// Exhaustive BM25F reference for one document, written independently of MaxScore.
// Textbook BM25 over plain token lists, independent of the index: document
// frequencies and the average length are counted directly from `docs`.
class Bm25Reference {
 public:
  explicit Bm25Reference(const std::vector<std::vector<std::string>>& docs) : docs_(docs) {
    for (const auto& doc : docs) avg_ += static_cast<double>(doc.size());
    avg_ /= static_cast<double>(docs.size());
  }

  double score(size_t d, const std::vector<std::string>& query, double k1, double b) {
    double total = 0;
    const double n = static_cast<double>(docs_.size());
    for (const auto& term : query) {
      const double df = document_frequency(term);
      if (df == 0) continue;
      const double tf = static_cast<double>(std::count(docs_[d].begin(), docs_[d].end(), term));
      const double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
      total += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * static_cast<double>(docs_[d].size()) / avg_));
    }
    return total;
  }

 private:
  double document_frequency(const std::string& term) {
    auto [it, inserted] = df_.try_emplace(term, 0.0);
    if (inserted) {
      for (const auto& doc : docs_) it->second += std::count(doc.begin(), doc.end(), term) > 0 ? 1 : 0;
    }
    return it->second;
  }

  const std::vector<std::vector<std::string>>& docs_;
  double avg_ = 0;
  std::map<std::string, double> df_;
};

double reference_score(const std::vector<std::vector<std::string>>& docs, size_t d,
                       const std::vector<std::string>& query, double k1, double b) {
  return Bm25Reference(docs).score(d, query, k1, b);
}

TEST(LexicalIndex, ScoresMatchBm25Reference) {
  const std::vector<std::vector<std::string>> docs = {
      {"cat", "sat", "mat"}, {"dog", "sat"}, {"cat", "cat", "dog", "bird"}, {"fish"}};
  LexicalIndex index;
  std::vector<std::string> keys;
  for (size_t i = 0; i < docs.size(); ++i) {
    index.add(static_cast<uint32_t>(i), body(docs[i]));
    keys.push_back("d" + std::to_string(i));
  }
  const std::vector<std::string> query = {"cat", "dog"};
  const Bm25Params params{1.2, 0.75};
  const auto hits = index.top_k(query, 10, params, kAll, keys);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].ordinal, 2u);
  for (const auto& h : hits) {
    EXPECT_NEAR(h.score, reference_score(docs, h.ordinal, query, 1.2, 0.75), 1e-6);
  }
}

TEST(LexicalIndex, MaxScoreEqualsExhaustiveOnRandomCorpus) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> length(3, 40);
  std::geometric_distribution<int> word(0.05);
  std::vector<std::vector<std::string>> docs(2000);
  LexicalIndex index;
  std::vector<std::string> keys;
  for (size_t i = 0; i < docs.size(); ++i) {
    const int n = length(rng);
    for (int j = 0; j < n; ++j) docs[i].push_back("w" + std::to_string(word(rng)));
    index.add(static_cast<uint32_t>(i), body(docs[i]));
    keys.push_back("k" + std::to_string(100000 + i));
  }
  const Bm25Params params{0.9, 0.4};
  Bm25Reference reference(docs);
  for (int q = 0; q < 30; ++q) {
    std::vector<std::string> query;
    for (int j = 0; j < 1 + q % 5; ++j) query.push_back("w" + std::to_string(word(rng)));
    std::sort(query.begin(), query.end());
    query.erase(std::unique(query.begin(), query.end()), query.end());
    const auto hits = index.top_k(query, 10, params, kAll, keys);
    std::vector<std::pair<double, size_t>> all;
    for (size_t d = 0; d < docs.size(); ++d) {
      const double s = reference.score(d, query, 0.9, 0.4);
      if (s > 0) all.emplace_back(-s, d);
    }
    std::sort(all.begin(), all.end());
    ASSERT_EQ(hits.size(), std::min<size_t>(10, all.size()));
    for (size_t i = 0; i < hits.size(); ++i) {
      EXPECT_NEAR(hits[i].score, -all[i].first, 1e-6) << "query " << q << " rank " << i;
    }
  }
}

TEST(LexicalIndex, FieldWeightsFavourTitles) {
  LexicalIndex index(FieldWeights{3.0, 1.5, 1.0});
  FieldTerms in_title;
  in_title.title = {"zakat"};
  in_title.body = {"rules", "alms"};
  FieldTerms in_body;
  in_body.title = {"rules"};
  in_body.body = {"zakat", "alms"};
  index.add(0, in_body);
  index.add(1, in_title);
  const auto hits = index.top_k({"zakat"}, 2, {}, kAll, {"a", "b"});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].ordinal, 1u);
}

TEST(LexicalIndex, FilterRejectsBeforeScoring) {
  LexicalIndex index;
  for (uint32_t i = 0; i < 50; ++i) index.add(i, body({"common", i % 2 ? "odd" : "even"}));
  std::vector<std::string> keys;
  for (int i = 0; i < 50; ++i) keys.push_back(std::to_string(1000 + i));
  size_t calls_for_odd = 0;
  const auto hits = index.top_k({"common"}, 100, {}, [&](uint32_t d) {
    if (d % 2 == 1) ++calls_for_odd;
    return d % 2 == 0;
  }, keys);
  EXPECT_EQ(hits.size(), 25u);
  for (const auto& h : hits) EXPECT_EQ(h.ordinal % 2, 0u);
  EXPECT_EQ(calls_for_odd, 25u);
}

TEST(LexicalIndex, RemovedDocumentsDisappearAndStatisticsFollow) {
  LexicalIndex a, b;
  std::vector<std::string> keys = {"x0", "x1", "x2", "x3"};
  a.add(0, body({"alpha", "beta"}));
  a.add(1, body({"alpha"}));
  a.add(2, body({"gamma"}));
  a.remove(1);
  b.add(0, body({"alpha", "beta"}));
  b.add(2, body({"gamma"}));
  EXPECT_EQ(a.live_documents(), 2u);
  const auto ha = a.top_k({"alpha"}, 5, {}, kAll, keys);
  const auto hb = b.top_k({"alpha"}, 5, {}, kAll, keys);
  ASSERT_EQ(ha.size(), 1u);
  ASSERT_EQ(hb.size(), 1u);
  EXPECT_EQ(ha[0].ordinal, 0u);
  EXPECT_DOUBLE_EQ(ha[0].score, hb[0].score);
}

}  // namespace
}  // namespace sanad::search
