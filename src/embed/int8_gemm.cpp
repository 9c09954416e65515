#include "embed/int8_gemm.h"

// GCC 12 reports the deliberately undefined registers inside its own AVX-512
// intrinsics (_mm512_undefined_*) as uninitialised once they are inlined here.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <utility>

namespace sanad::embed {
namespace {

constexpr size_t kTile = 16;   // output columns per tile (one 512-bit register of int32)
constexpr size_t kGroup = 4;   // inputs per 32-bit dot product
constexpr size_t kRows = 8;    // rows per register block (8 x 3 accumulators + 3 weights + 1 input)
constexpr size_t kChunk = 96;  // rows whose quantised inputs stay in L2 while all tiles pass

// Rows of x quantised: u = round(x * 127 / max|row|) + 128 in 1..255 (128 is 0),
// padded to a whole number of groups with 128.
struct QuantizedRows {
  std::vector<uint8_t> q;  // [rows x stride]
  std::vector<float> scale;
  size_t stride = 0;
};

// The scale applied to one row: its largest magnitude over 127 (0 for a zero row).
float row_multiplier(float max_abs) { return max_abs > 0.0f ? 127.0f / max_abs : 0.0f; }

uint8_t quantize_value(float v, float multiplier) {
  const float r = std::clamp(std::nearbyint(v * multiplier), -127.0f, 127.0f);
  return static_cast<uint8_t>(static_cast<int>(r) + 128);
}

void quantize_rows_portable(const float* x, size_t rows, size_t in, QuantizedRows& out) {
  for (size_t r = 0; r < rows; ++r) {
    const float* row = x + r * in;
    float max_abs = 0.0f;
    for (size_t k = 0; k < in; ++k) max_abs = std::max(max_abs, std::fabs(row[k]));
    const float m = row_multiplier(max_abs);
    out.scale[r] = max_abs / 127.0f;
    uint8_t* q = out.q.data() + r * out.stride;
    for (size_t k = 0; k < in; ++k) q[k] = quantize_value(row[k], m);
  }
}

// y = float(acc - 128 * column_sum) * (row_scale * column_scale) + b, fused.
float dequantize_dot(int32_t acc, int32_t column_sum, float row_scale, float column_scale, float bias) {
  return std::fma(static_cast<float>(acc - 128 * column_sum), row_scale * column_scale, bias);
}

void gemm_portable(const QuantizedRows& xq, size_t rows, const Int8Weights& w, const float* b, float* y) {
  const size_t tile_bytes = w.groups * kTile * kGroup;
  for (size_t r = 0; r < rows; ++r) {
    const uint8_t* u = xq.q.data() + r * xq.stride;
    for (size_t t = 0; t < w.tiles; ++t) {
      const int8_t* panel = w.packed.data() + t * tile_bytes;
      std::array<int32_t, kTile> acc{};
      for (size_t g = 0; g < w.groups; ++g) {
        const int8_t* wg = panel + g * kTile * kGroup;
        for (size_t c = 0; c < kTile; ++c) {
          for (size_t i = 0; i < kGroup; ++i) acc[c] += int32_t{u[g * kGroup + i]} * wg[c * kGroup + i];
        }
      }
      for (size_t c = 0; c < kTile && t * kTile + c < w.out; ++c) {
        const size_t j = t * kTile + c;
        y[r * w.out + j] = dequantize_dot(acc[c], w.column_sums[j], xq.scale[r], w.scale[j],
                                          b != nullptr ? b[j] : 0.0f);
      }
    }
  }
}

#define SANAD_VNNI __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))

// The same quantisation as quantize_rows_portable, 16 values at a time
// (cvtps2dq rounds to nearest even, as nearbyint does).
SANAD_VNNI void quantize_rows_vnni(const float* x, size_t rows, size_t in, QuantizedRows& out) {
  for (size_t r = 0; r < rows; ++r) {
    const float* row = x + r * in;
    __m512 max_abs = _mm512_setzero_ps();
    for (size_t k = 0; k < in; k += 16) {
      const auto mask = static_cast<__mmask16>(in - k >= 16 ? 0xFFFF : (1u << (in - k)) - 1);
      max_abs = _mm512_max_ps(max_abs, _mm512_abs_ps(_mm512_maskz_loadu_ps(mask, row + k)));
    }
    const float m_abs = _mm512_reduce_max_ps(max_abs);
    const __m512 m = _mm512_set1_ps(row_multiplier(m_abs));
    out.scale[r] = m_abs / 127.0f;
    uint8_t* q = out.q.data() + r * out.stride;
    const __m512i lo = _mm512_set1_epi32(-127), hi = _mm512_set1_epi32(127), zero = _mm512_set1_epi32(128);
    for (size_t k = 0; k < in; k += 16) {
      const auto mask = static_cast<__mmask16>(in - k >= 16 ? 0xFFFF : (1u << (in - k)) - 1);
      __m512i v = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_maskz_loadu_ps(mask, row + k), m));
      v = _mm512_add_epi32(_mm512_min_epi32(_mm512_max_epi32(v, lo), hi), zero);
      _mm512_mask_cvtepi32_storeu_epi8(q + k, mask, v);
    }
  }
}

// One block of MR rows x NT tiles, all inputs: 4-byte dot products accumulated
// in int32 registers, then scaled back and stored.
template <size_t MR, size_t NT>
SANAD_VNNI void vnni_block(const QuantizedRows& xq, size_t r0, const Int8Weights& w, size_t t0, const float* b,
                           float* y) {
  const size_t tile_bytes = w.groups * kTile * kGroup;
  const int8_t* panel = w.packed.data() + t0 * tile_bytes;
  const uint8_t* u = xq.q.data() + r0 * xq.stride;
  // Every loop over MR and NT is unrolled, so the accumulators live in registers;
  // the scaling back reads them from memory (scaling them in registers made GCC
  // keep a memory copy updated inside the loop).
  __m512i acc[MR][NT];
#pragma GCC unroll 16
  for (size_t i = 0; i < MR; ++i) {
#pragma GCC unroll 4
    for (size_t t = 0; t < NT; ++t) acc[i][t] = _mm512_setzero_si512();
  }
  const size_t groups = w.groups;
  const size_t stride = xq.stride;
  for (size_t g = 0; g < groups; ++g) {
    __m512i wv[NT];
#pragma GCC unroll 4
    for (size_t t = 0; t < NT; ++t) wv[t] = _mm512_loadu_si512(panel + t * tile_bytes + g * kTile * kGroup);
#pragma GCC unroll 16
    for (size_t i = 0; i < MR; ++i) {
      int32_t four;
      std::memcpy(&four, u + i * stride + g * kGroup, sizeof four);
      const __m512i a = _mm512_set1_epi32(four);
#pragma GCC unroll 4
      for (size_t t = 0; t < NT; ++t) acc[i][t] = _mm512_dpbusd_epi32(acc[i][t], a, wv[t]);
    }
  }
  // The sums leave the registers once, then are scaled back from memory.
  alignas(64) int32_t sums[MR][NT][kTile];
#pragma GCC unroll 16
  for (size_t i = 0; i < MR; ++i) {
#pragma GCC unroll 4
    for (size_t t = 0; t < NT; ++t) _mm512_store_si512(sums[i][t], acc[i][t]);
  }
  for (size_t t = 0; t < NT; ++t) {
    const size_t j0 = (t0 + t) * kTile;
    const size_t left = w.out - j0;
    const auto mask = static_cast<__mmask16>(left >= kTile ? 0xFFFF : (1u << left) - 1);
    const __m512i correction = _mm512_slli_epi32(_mm512_loadu_si512(w.column_sums.data() + j0), 7);
    const __m512 column_scale = _mm512_loadu_ps(w.scale.data() + j0);
    const __m512 bias = b != nullptr ? _mm512_maskz_loadu_ps(mask, b + j0) : _mm512_setzero_ps();
    for (size_t i = 0; i < MR; ++i) {
      const __m512 dot = _mm512_cvtepi32_ps(_mm512_sub_epi32(_mm512_load_si512(sums[i][t]), correction));
      const __m512 scale = _mm512_mul_ps(_mm512_set1_ps(xq.scale[r0 + i]), column_scale);
      _mm512_mask_storeu_ps(y + (r0 + i) * w.out + j0, mask, _mm512_fmadd_ps(dot, scale, bias));
    }
  }
}

using BlockFn = void (*)(const QuantizedRows&, size_t, const Int8Weights&, size_t, const float*, float*);

// kBlocks[NT - 1][MR - 1] is vnni_block<MR, NT>.
template <size_t NT, size_t... MR>
constexpr std::array<BlockFn, sizeof...(MR)> block_row(std::index_sequence<MR...>) {
  return {&vnni_block<MR + 1, NT>...};
}
constexpr std::array<std::array<BlockFn, kRows>, 3> kBlocks = {block_row<1>(std::make_index_sequence<kRows>()),
                                                               block_row<2>(std::make_index_sequence<kRows>()),
                                                               block_row<3>(std::make_index_sequence<kRows>())};

void gemm_vnni(const QuantizedRows& xq, size_t rows, const Int8Weights& w, const float* b, float* y) {
  for (size_t c0 = 0; c0 < rows; c0 += kChunk) {
    const size_t c1 = std::min(rows, c0 + kChunk);
    for (size_t t = 0; t < w.tiles; t += 3) {
      const auto& blocks = kBlocks[std::min<size_t>(3, w.tiles - t) - 1];
      for (size_t r = c0; r < c1; r += kRows) blocks[std::min(kRows, c1 - r) - 1](xq, r, w, t, b, y);
    }
  }
}

}  // namespace

bool int8_vnni_available() {
  static const bool available = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                                __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
  return available;
}

Int8Weights pack_int8(const QuantizedMatrix& m) {
  Int8Weights w;
  w.in = m.in;
  w.out = m.out;
  w.groups = (m.in + kGroup - 1) / kGroup;
  w.tiles = (m.out + kTile - 1) / kTile;
  w.packed.assign(w.tiles * w.groups * kTile * kGroup, 0);
  w.scale.assign(w.tiles * kTile, 0.0f);
  w.column_sums.assign(w.tiles * kTile, 0);
  for (size_t k = 0; k < m.in; ++k) {
    for (size_t j = 0; j < m.out; ++j) {
      const int8_t q = m.q[k * m.out + j];
      const size_t t = j / kTile, c = j % kTile, g = k / kGroup, i = k % kGroup;
      w.packed[((t * w.groups + g) * kTile + c) * kGroup + i] = q;
      w.column_sums[j] += q;
    }
  }
  std::copy(m.scale.begin(), m.scale.end(), w.scale.begin());
  return w;
}

void int8_linear(const float* x, size_t rows, const Int8Weights& w, const float* b, float* y, Int8Kernel kernel) {
  if (rows == 0) return;
  const bool vnni = kernel == Int8Kernel::kBest && int8_vnni_available();
  QuantizedRows xq;
  xq.stride = w.groups * kGroup;
  xq.q.assign(rows * xq.stride, 128);
  xq.scale.resize(rows);
  if (vnni) {
    quantize_rows_vnni(x, rows, w.in, xq);
    gemm_vnni(xq, rows, w, b, y);
  } else {
    quantize_rows_portable(x, rows, w.in, xq);
    gemm_portable(xq, rows, w, b, y);
  }
}

}  // namespace sanad::embed
