#pragma once
// oneDNN's matmul as a peer of Sanad's own linear layers (int8_linear, linear),
// for the kernel benchmarks only: the sanad program never links oneDNN. Each
// object holds one primitive created for a fixed number of rows, as an
// integration would cache it; run() does the whole job of the Sanad call it
// mirrors. Not thread-safe (one object, one thread at a time).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "embed/tensor_ops.h"

namespace sanad::embed::bench {

class OnednnLinear {
 public:
  // y = int8 x · W + b as int8_linear computes it: each row of x quantised to u8
  // (round(x * 127 / max|row|) + 128, by the same arithmetic), W's int8 columns
  // with their scales, int32 accumulation (oneDNN removes the 128 offset as a
  // source zero point), then per-column scale, per-row scale and bias fused in
  // the primitive (binary post-ops). `b` has w.out floats and is copied.
  static std::unique_ptr<OnednnLinear> int8(const QuantizedMatrix& w, const float* b, size_t rows);

  // y = x · W + b in fp32; `w` is [in x out] row-major, `b` has out floats; both copied.
  static std::unique_ptr<OnednnLinear> fp32(const float* w, size_t in, size_t out, const float* b, size_t rows);

  ~OnednnLinear();
  OnednnLinear(const OnednnLinear&) = delete;
  OnednnLinear& operator=(const OnednnLinear&) = delete;

  // y[rows x out] from x[rows x in], with the rows given at creation.
  void run(const float* x, float* y);

  // The implementation oneDNN chose (e.g. "brg:avx512_core_vnni"); "ref" means
  // its slow reference loop.
  std::string implementation() const;

  struct State;

 private:
  explicit OnednnLinear(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Limits the OpenMP runtime of Debian's oneDNN build to `threads` threads
// (it is built with DNNL_CPU_RUNTIME=OMP).
void set_onednn_threads(int threads);

}  // namespace sanad::embed::bench
