#pragma once
// Deterministic pseudo-random encoder weights, for the encoder tests and the
// benchmarks (no pretrained weights are available offline). Element i of the
// tensor NAME is k * scale (plus 1 for LayerNorm gains) where
//   k = splitmix64(fnv1a64(NAME) + i) mod (2m + 1) - m,
// with (m, scale) = (127, 2^-10) for embeddings, (127, 2^-12) for linear weights
// and biases, (15, 2^-7) around 1 for LayerNorm gains and (31, 2^-10) for
// LayerNorm biases. Every value is exact in fp32, fp16 and bf16, so the same
// model written in any of the three dtypes computes the same function.
// tests/fixtures/embed/generate.py implements the same rule in NumPy.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "embed/model_config.h"
#include "embed/safetensors.h"

namespace sanad::embed {

// The values of tensor `name` with `count` elements (see the rule above).
std::vector<float> random_tensor_values(const std::string& name, size_t count);

// Writes `dir/model.safetensors` holding every tensor of `config` (HF names, no
// prefix) in `dtype`.
Status write_random_weights(const std::string& path, const EncoderConfig& config, DType dtype);

}  // namespace sanad::embed
