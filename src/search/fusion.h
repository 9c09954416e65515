#pragma once
// Fusion of ranked lists from the lexical and vector retrievers. Pure functions;
// thread-safe.

#include <cstddef>
#include <string_view>
#include <vector>

#include "search/lexical_index.h"

namespace sanad::search {

enum class FusionMethod { kReciprocalRank, kMinMax };

// Reciprocal-rank fusion: score(d) = sum over lists of 1 / (rank_constant + rank),
// rank starting at 1. Returns the k best, best first (ties by ordinal).
std::vector<ScoredOrdinal> reciprocal_rank_fusion(const std::vector<ScoredOrdinal>& a,
                                                  const std::vector<ScoredOrdinal>& b, size_t k,
                                                  double rank_constant = 60.0);

// Min-max fusion: each list's scores rescaled to [0, 1] (a list whose scores are all
// equal maps to 1), then weight_a * a + (1 - weight_a) * b. Returns the k best.
std::vector<ScoredOrdinal> min_max_fusion(const std::vector<ScoredOrdinal>& a,
                                          const std::vector<ScoredOrdinal>& b, size_t k,
                                          double weight_a = 0.5);

std::string_view fusion_method_name(FusionMethod method);

}  // namespace sanad::search
