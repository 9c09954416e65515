#pragma once
// The BERT / XLM-RoBERTa encoder: embeddings (word + position + token type) and
// LayerNorm, then N layers of self-attention, add & LayerNorm, feed-forward with
// exact GELU, add & LayerNorm. Sequences are packed back to back (no padding):
// the linear layers run on all tokens of the batch at once, attention runs per
// sequence, so mixed lengths cost nothing extra. Immutable after load; forward()
// keeps its scratch on the caller's stack and is thread-safe.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/status.h"
#include "embed/int8_gemm.h"
#include "embed/model_config.h"
#include "embed/safetensors.h"
#include "embed/tensor_ops.h"

namespace sanad::embed {

class BertEncoder {
 public:
  // Reads the weights of `config` from `weights` (kept alive by the encoder: the
  // word embeddings are read from the mapping row by row). Tensor names may carry
  // a "bert." / "roberta." prefix. Errors name the file, tensor and problem.
  // `threads` (0 = all cores) is how many threads share a batch: a batch of
  // several sequences is split into that many groups of about equal tokens, each
  // run start to finish by its own thread (BLAS is meant to run single-threaded,
  // see set_blas_threads: its spinning helper threads would compete with these);
  // a single long sequence shares only its attention step. `int8` keeps the
  // linear weights quantised to int8 (per output column), a quarter of the
  // memory, and runs them in integer arithmetic (int8_gemm.h).
  static Result<std::unique_ptr<BertEncoder>> load(const EncoderConfig& config,
                                                   std::shared_ptr<const SafetensorsFile> weights,
                                                   unsigned threads = 1, bool int8 = false);

  // Last hidden states of the sequences, packed: row k of `out` (hidden wide) is
  // token k of the concatenation of `sequences`. Requires every id < vocab_size
  // and every length in 1 .. max_positions - position_offset. `threads` overrides
  // the thread count given at load (0 = keep it).
  void forward(const std::vector<std::vector<int32_t>>& sequences, std::vector<float>& out,
               unsigned threads = 0) const;

  const EncoderConfig& config() const { return config_; }

 private:
  struct Layer {
    // Linear weights are stored transposed ([in x out], see linear()).
    std::vector<float> qkv_w, qkv_b;  // [H x 3H], [3H]: query, key, value side by side
    std::vector<float> out_w, out_b, ln1_g, ln1_b;
    std::vector<float> ff1_w, ff1_b, ff2_w, ff2_b, ln2_g, ln2_b;
    // With int8: the four linear weights above are empty and live here instead.
    Int8Weights qkv_q, out_q, ff1_q, ff2_q;
  };
  // Runs one linear layer with fp32 weights `w`, or int8 `q`.
  void apply(const float* x, size_t rows, const std::vector<float>& w, const Int8Weights& q,
             const std::vector<float>& b, size_t in, size_t out, float* y) const;
  BertEncoder() = default;
  // forward() for `sequences` on the calling thread (attention shared by `threads`),
  // writing their packed hidden states to `out`.
  void forward_group(std::span<const std::vector<int32_t>> sequences, float* out, unsigned threads) const;
  // Self-attention of every sequence and head: context = softmax(q k^T / sqrt d) v.
  void attention(std::span<const std::vector<int32_t>> sequences, const float* qkv, float* context,
                 unsigned threads) const;

  EncoderConfig config_;
  std::shared_ptr<const SafetensorsFile> weights_;
  TensorView word_embeddings_;
  std::vector<float> position_embeddings_, token_type_embeddings_, emb_ln_g_, emb_ln_b_;
  std::vector<Layer> layers_;
  unsigned threads_ = 1;
  bool int8_ = false;
};

}  // namespace sanad::embed
