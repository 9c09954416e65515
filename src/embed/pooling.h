#pragma once
// Sentence vectors from packed token states (see BertEncoder::forward): mean,
// CLS or max over each sequence's tokens, optionally L2-normalised. Pure functions.

#include <cstddef>
#include <vector>

#include "embed/model_config.h"

namespace sanad::embed {

// One vector of `hidden` floats per entry of `lengths` (the sequences' token
// counts, in packing order). Requires sum(lengths) * hidden == states.size().
std::vector<std::vector<float>> pool(const std::vector<float>& states,
                                     const std::vector<size_t>& lengths, size_t hidden,
                                     Pooling pooling, bool normalize);

// Scales `v` to unit L2 norm (left unchanged when it is all zeros).
void l2_normalize(std::vector<float>& v);

}  // namespace sanad::embed
