#include "search/fusion.h"

#include <algorithm>
#include <cstddef>
#include <unordered_map>

namespace sanad::search {
namespace {

std::vector<ScoredOrdinal> best_k(const std::unordered_map<uint32_t, double>& scores, size_t k) {
  std::vector<ScoredOrdinal> out;
  out.reserve(scores.size());
  for (const auto& [ordinal, score] : scores) out.push_back({ordinal, score});
  auto better = [](const ScoredOrdinal& x, const ScoredOrdinal& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.ordinal < y.ordinal;
  };
  if (out.size() > k) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(), better);
    out.resize(k);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

void add_min_max(const std::vector<ScoredOrdinal>& list, double weight,
                 std::unordered_map<uint32_t, double>& scores) {
  if (list.empty()) return;
  auto [lo, hi] = std::minmax_element(list.begin(), list.end(), [](const auto& x, const auto& y) {
    return x.score < y.score;
  });
  const double low = lo->score;
  const double range = hi->score - low;
  for (const ScoredOrdinal& s : list) {
    const double normalised = range > 0 ? (s.score - low) / range : 1.0;
    scores[s.ordinal] += weight * normalised;
  }
}

}  // namespace

std::vector<ScoredOrdinal> reciprocal_rank_fusion(const std::vector<ScoredOrdinal>& a,
                                                  const std::vector<ScoredOrdinal>& b, size_t k,
                                                  double rank_constant) {
  std::unordered_map<uint32_t, double> scores;
  for (size_t i = 0; i < a.size(); ++i) scores[a[i].ordinal] += 1.0 / (rank_constant + i + 1);
  for (size_t i = 0; i < b.size(); ++i) scores[b[i].ordinal] += 1.0 / (rank_constant + i + 1);
  return best_k(scores, k);
}

std::vector<ScoredOrdinal> min_max_fusion(const std::vector<ScoredOrdinal>& a,
                                          const std::vector<ScoredOrdinal>& b, size_t k,
                                          double weight_a) {
  std::unordered_map<uint32_t, double> scores;
  add_min_max(a, weight_a, scores);
  add_min_max(b, 1.0 - weight_a, scores);
  return best_k(scores, k);
}

std::string_view fusion_method_name(FusionMethod method) {
  return method == FusionMethod::kMinMax ? "min_max" : "rrf";
}

}  // namespace sanad::search
