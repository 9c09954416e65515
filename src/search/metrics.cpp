#include "search/metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace sanad::search {
namespace {

int grade_of(const Judgements& relevance, const std::string& id) {
  auto it = relevance.find(id);
  return it == relevance.end() ? 0 : it->second;
}

}  // namespace

double ndcg_at_k(const std::vector<std::string>& ranked, const Judgements& relevance, size_t k) {
  double dcg = 0.0;
  for (size_t i = 0; i < std::min(k, ranked.size()); ++i) {
    const int g = grade_of(relevance, ranked[i]);
    if (g > 0) dcg += g / std::log2(static_cast<double>(i) + 2.0);
  }
  std::vector<int> grades;
  for (const auto& [id, g] : relevance) {
    if (g > 0) grades.push_back(g);
  }
  std::sort(grades.begin(), grades.end(), std::greater<>());
  double ideal = 0.0;
  for (size_t i = 0; i < std::min(k, grades.size()); ++i) {
    ideal += grades[i] / std::log2(static_cast<double>(i) + 2.0);
  }
  return ideal > 0 ? dcg / ideal : 0.0;
}

double recall_at_k(const std::vector<std::string>& ranked, const Judgements& relevance, size_t k) {
  size_t relevant = 0;
  for (const auto& [id, g] : relevance) relevant += g > 0 ? 1 : 0;
  if (relevant == 0) return 0.0;
  size_t found = 0;
  for (size_t i = 0; i < std::min(k, ranked.size()); ++i) {
    found += grade_of(relevance, ranked[i]) > 0 ? 1 : 0;
  }
  return static_cast<double>(found) / static_cast<double>(relevant);
}

double mrr_at_k(const std::vector<std::string>& ranked, const Judgements& relevance, size_t k) {
  for (size_t i = 0; i < std::min(k, ranked.size()); ++i) {
    if (grade_of(relevance, ranked[i]) > 0) return 1.0 / static_cast<double>(i + 1);
  }
  return 0.0;
}

double percentile(std::vector<double> sample, double p) {
  if (sample.empty()) return 0.0;
  std::sort(sample.begin(), sample.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(sample.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sample[std::min(index, sample.size() - 1)];
}

}  // namespace sanad::search
