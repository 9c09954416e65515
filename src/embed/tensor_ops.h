#pragma once
// Dense fp32 kernels of the encoder on row-major matrices. Stateless; thread-safe
// (BLAS threading is configured once by the caller through set_blas_threads).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sanad::embed {

// y[rows x out] = x[rows x in] * wt + b, with wt [in x out] row-major (the
// transpose of torch's nn.Linear weight; see transpose()) and b of length out
// (may be null).
void linear(const float* x, size_t rows, size_t in, const float* wt, const float* b, size_t out,
            float* y);

// The transpose of the row-major matrix m [rows x cols].
std::vector<float> transpose(const std::vector<float>& m, size_t rows, size_t cols);

// A linear weight in int8: wt [in x out] quantised per output column with a
// symmetric scale (column max / 127).
struct QuantizedMatrix {
  std::vector<int8_t> q;     // [in x out]
  std::vector<float> scale;  // [out]
  size_t in = 0, out = 0;
};
QuantizedMatrix quantize_columns(const std::vector<float>& wt, size_t in, size_t out);
// wt[in x out] = q * scale (wt must hold in * out floats).
void dequantize(const QuantizedMatrix& m, float* wt);

// x[rows x n] = LayerNorm(x + residual) * gamma + beta; residual may be null.
void add_layer_norm(float* x, const float* residual, size_t rows, size_t n, const float* gamma,
                    const float* beta, float eps);

// In place, exact GELU: 0.5 x (1 + erf(x / sqrt 2)).
void gelu(float* x, size_t n);

// In place softmax of each row of x[rows x n].
void softmax_rows(float* x, size_t rows, size_t n);

// Sets the BLAS thread count for the process (0 = leave the library default).
void set_blas_threads(unsigned threads);

}  // namespace sanad::embed
