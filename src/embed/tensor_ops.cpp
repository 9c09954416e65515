#include "embed/tensor_ops.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace sanad::embed {

void linear(const float* x, size_t rows, size_t in, const float* wt, const float* b, size_t out,
            float* y) {
  float beta = 0.0f;
  if (b != nullptr) {
    for (size_t r = 0; r < rows; ++r) std::copy(b, b + out, y + r * out);
    beta = 1.0f;
  }
  // The [in x out] layout is ~10% faster than a transposed B for OpenBLAS at
  // the few-token shapes of queries, and the same for long batches.
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(rows),
              static_cast<int>(out), static_cast<int>(in), 1.0f, x, static_cast<int>(in), wt,
              static_cast<int>(out), beta, y, static_cast<int>(out));
}

std::vector<float> transpose(const std::vector<float>& m, size_t rows, size_t cols) {
  std::vector<float> t(m.size());
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) t[c * rows + r] = m[r * cols + c];
  }
  return t;
}

QuantizedMatrix quantize_columns(const std::vector<float>& wt, size_t in, size_t out) {
  QuantizedMatrix m;
  m.in = in;
  m.out = out;
  m.scale.assign(out, 0.0f);
  for (size_t i = 0; i < in; ++i) {
    for (size_t o = 0; o < out; ++o) m.scale[o] = std::max(m.scale[o], std::fabs(wt[i * out + o]));
  }
  for (float& s : m.scale) s = s > 0.0f ? s / 127.0f : 1.0f;
  m.q.resize(in * out);
  for (size_t i = 0; i < in; ++i) {
    for (size_t o = 0; o < out; ++o) {
      m.q[i * out + o] = static_cast<int8_t>(std::lrint(wt[i * out + o] / m.scale[o]));
    }
  }
  return m;
}

void dequantize(const QuantizedMatrix& m, float* wt) {
  for (size_t i = 0; i < m.in; ++i) {
    const int8_t* q = m.q.data() + i * m.out;
    float* row = wt + i * m.out;
    for (size_t o = 0; o < m.out; ++o) row[o] = static_cast<float>(q[o]) * m.scale[o];
  }
}

void add_layer_norm(float* x, const float* residual, size_t rows, size_t n, const float* gamma,
                    const float* beta, float eps) {
  for (size_t r = 0; r < rows; ++r) {
    float* row = x + r * n;
    if (residual != nullptr) {
      const float* res = residual + r * n;
      for (size_t i = 0; i < n; ++i) row[i] += res[i];
    }
    // Two passes in double keep the variance exact enough for the 1e-4 budget.
    double mean = 0.0;
    for (size_t i = 0; i < n; ++i) mean += row[i];
    mean /= static_cast<double>(n);
    double var = 0.0;
    for (size_t i = 0; i < n; ++i) {
      const double d = row[i] - mean;
      var += d * d;
    }
    var /= static_cast<double>(n);
    const auto inv = static_cast<float>(1.0 / std::sqrt(var + eps));
    const auto m = static_cast<float>(mean);
    for (size_t i = 0; i < n; ++i) row[i] = (row[i] - m) * inv * gamma[i] + beta[i];
  }
}

namespace {

// exp(x) for x <= 0 (smaller than -87 gives 0), relative error below 2e-7:
// x = n ln2 + r with |r| <= ln2/2, exp(r) by a degree-6 polynomial, 2^n through
// the exponent bits. Branch-free so the loops below vectorise.
inline float exp_nonpositive(float x) {
  x = std::max(x, -87.0f);
  // Round to nearest by the 1.5 * 2^23 trick (|x log2 e| < 2^22 here).
  const float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = x - n * 0.693145751953125f;  // ln2, high part
  r -= n * 1.42860682030941723212e-6f;   // ln2, low part
  float p = 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, 4);
  return p * scale;
}

// erf(x) by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7).
inline float erf_approx(float x) {
  const float a = std::fabs(x);
  const float t = 1.0f / (1.0f + 0.3275911f * a);
  float p = 1.061405429f;
  p = p * t - 1.453152027f;
  p = p * t + 1.421413741f;
  p = p * t - 0.284496736f;
  p = p * t + 0.254829592f;
  const float y = 1.0f - p * t * exp_nonpositive(-a * a);
  return std::copysign(y, x);
}

}  // namespace

// The elementwise kernels get an AVX2+FMA clone, picked at load time on CPUs
// that have it.
__attribute__((target_clones("arch=x86-64-v3", "default")))
void gelu(float* x, size_t n) {
  constexpr float kInvSqrt2 = 0.70710678118654752f;
  for (size_t i = 0; i < n; ++i) x[i] = 0.5f * x[i] * (1.0f + erf_approx(x[i] * kInvSqrt2));
}

__attribute__((target_clones("arch=x86-64-v3", "default")))
void softmax_rows(float* x, size_t rows, size_t n) {
  for (size_t r = 0; r < rows; ++r) {
    float* row = x + r * n;
    float top = row[0];
    for (size_t i = 1; i < n; ++i) top = std::max(top, row[i]);
    for (size_t i = 0; i < n; ++i) row[i] = exp_nonpositive(row[i] - top);
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // eight partial sums: a vectorisable reduction
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      for (size_t k = 0; k < 8; ++k) lanes[k] += row[i + k];
    }
    float sum = 0.0f;
    for (; i < n; ++i) sum += row[i];
    for (float lane : lanes) sum += lane;
    const float inv = 1.0f / sum;
    for (size_t k = 0; k < n; ++k) row[k] *= inv;
  }
}

void set_blas_threads(unsigned threads) {
  if (threads > 0) openblas_set_num_threads(static_cast<int>(threads));
}

}  // namespace sanad::embed
