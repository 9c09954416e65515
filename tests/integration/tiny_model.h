#pragma once
// A tiny BERT model folder for tests: the committed fixture's tokenizer files with
// a 1-layer, 8-wide configuration and rule-generated weights (embed/random_weights.h).

#include <string>

namespace sanad::testing {

// Writes the model folder at `dir` (which must not exist); throws on failure.
void write_tiny_bert(const std::string& dir);

}  // namespace sanad::testing
