#include "embed/pooling.h"

#include <algorithm>
#include <cmath>

namespace sanad::embed {

void l2_normalize(std::vector<float>& v) {
  double sum = 0.0;
  for (float x : v) sum += static_cast<double>(x) * x;
  // sentence-transformers divides by max(norm, 1e-12).
  const double norm = std::max(std::sqrt(sum), 1e-12);
  for (float& x : v) x = static_cast<float>(x / norm);
}

std::vector<std::vector<float>> pool(const std::vector<float>& states,
                                     const std::vector<size_t>& lengths, size_t hidden,
                                     Pooling pooling, bool normalize) {
  std::vector<std::vector<float>> vectors;
  vectors.reserve(lengths.size());
  size_t row = 0;
  for (size_t len : lengths) {
    const float* first = states.data() + row * hidden;
    std::vector<float> v(first, first + hidden);
    if (pooling == Pooling::kMean && len > 0) {
      std::vector<double> sum(hidden, 0.0);
      for (size_t t = 0; t < len; ++t) {
        for (size_t i = 0; i < hidden; ++i) sum[i] += first[t * hidden + i];
      }
      for (size_t i = 0; i < hidden; ++i) v[i] = static_cast<float>(sum[i] / static_cast<double>(len));
    } else if (pooling == Pooling::kMax) {
      for (size_t t = 1; t < len; ++t) {
        for (size_t i = 0; i < hidden; ++i) v[i] = std::max(v[i], first[t * hidden + i]);
      }
    }
    if (normalize) l2_normalize(v);
    vectors.push_back(std::move(v));
    row += len;
  }
  return vectors;
}

}  // namespace sanad::embed
