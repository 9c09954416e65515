#pragma once
// Linear layers in integer arithmetic: y = x · W + b with W quantised to int8 per
// output column and each row of x quantised to 8 bits with its own symmetric
// scale, dot products summed exactly in int32 and scaled back to fp32 once.
// A quarter of fp32's weight memory and traffic, and four times its arithmetic
// per instruction where the CPU has AVX-512 VNNI (vpdpbusd), used when present;
// a portable loop gives bit-identical results elsewhere, so vectors never depend
// on the machine that computed them. Stateless; thread-safe.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "embed/tensor_ops.h"

namespace sanad::embed {

// A QuantizedMatrix laid out for 4-byte integer dot products: tiles of 16
// output columns, each holding, for every group of 4 inputs, the 16 columns'
// 4 consecutive weights (64 bytes). Padding weights are 0.
struct Int8Weights {
  size_t in = 0, out = 0;  // logical shape [in x out]
  size_t groups = 0;       // ceil(in / 4)
  size_t tiles = 0;        // ceil(out / 16)
  std::vector<int8_t> packed;        // [tiles][groups][16][4]
  std::vector<float> scale;          // [tiles * 16], per column; 0 in padding
  std::vector<int32_t> column_sums;  // [tiles * 16], sum over inputs of each column's weights
};

Int8Weights pack_int8(const QuantizedMatrix& m);

enum class Int8Kernel {
  kBest,      // VNNI when the CPU has it, the portable loop otherwise
  kPortable,  // the portable loop (tests compare the two)
};

// y[rows x w.out] = x[rows x w.in] · W + b (b of length w.out, may be null).
// Each row of x is quantised to round(x * 127 / max|row|) in -127..127.
void int8_linear(const float* x, size_t rows, const Int8Weights& w, const float* b, float* y,
                 Int8Kernel kernel = Int8Kernel::kBest);

// Whether kBest runs the AVX-512 VNNI kernel on this CPU.
bool int8_vnni_available();

}  // namespace sanad::embed
