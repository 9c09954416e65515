#pragma once
// The local provider: tokenizer + BertEncoder + pooling for one model folder.
// Immutable after load; embed() is thread-safe (all scratch is per call).

#include <memory>
#include <string>
#include <vector>

#include "embed/bert_encoder.h"
#include "embed/embedder.h"
#include "embed/model_config.h"
#include "embed/sentencepiece_tokenizer.h"
#include "embed/wordpiece.h"

namespace sanad::embed {

class LocalEmbedder final : public Embedder {
 public:
  // Loads `model_dir` (config, tokenizer, memory-mapped weights). `threads` is how
  // many threads share a batch (0 = all cores); BLAS is set to one thread for the
  // process, as the encoder parallelises over sequences itself. `int8` quantises the linear layers (see
  // BertEncoder::load; agreement with fp32 in tests/unit/embed/encoder_test.cpp).
  static Result<std::unique_ptr<LocalEmbedder>> load(const std::string& model_dir,
                                                     unsigned threads = 0, bool int8 = false);

  Result<std::vector<std::vector<float>>> embed(const std::vector<std::string>& texts,
                                                InputKind kind) override;
  size_t dimension() const override { return static_cast<size_t>(config_.encoder.hidden); }
  std::string model_id() const override { return config_.model_id; }

  // Token ids (specials included, truncated to max_seq_length) of one input.
  std::vector<int32_t> tokenize(const std::string& text, InputKind kind) const;
  const ModelConfig& config() const { return config_; }

  // Largest number of tokens run through the encoder at once.
  static constexpr size_t kMaxBatchTokens = 8192;

 private:
  LocalEmbedder() = default;
  ModelConfig config_;
  std::unique_ptr<WordPieceTokenizer> wordpiece_;
  std::unique_ptr<SentencePieceTokenizer> sentencepiece_;
  std::unique_ptr<BertEncoder> encoder_;
};

}  // namespace sanad::embed
