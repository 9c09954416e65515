#include "embed/local_embedder.h"

#include <algorithm>
#include <numeric>

#include "embed/pooling.h"
#include "embed/tensor_ops.h"

namespace sanad::embed {

Result<std::unique_ptr<LocalEmbedder>> LocalEmbedder::load(const std::string& model_dir,
                                                           unsigned threads, bool int8) {
  std::unique_ptr<LocalEmbedder> e(new LocalEmbedder());
  SANAD_ASSIGN_OR_RETURN(e->config_, load_model_config(model_dir));
  const ModelConfig& c = e->config_;
  size_t tokenizer_vocab = 0;
  if (c.tokenizer == TokenizerKind::kWordPiece) {
    SANAD_ASSIGN_OR_RETURN(auto wp, WordPieceTokenizer::load(c.tokenizer_path, c.wordpiece));
    e->wordpiece_ = std::make_unique<WordPieceTokenizer>(std::move(wp));
    tokenizer_vocab = e->wordpiece_->vocab_size();
  } else {
    SANAD_ASSIGN_OR_RETURN(e->sentencepiece_, SentencePieceTokenizer::load(c.tokenizer_path));
    tokenizer_vocab = e->sentencepiece_->vocab_size();
  }
  if (tokenizer_vocab > static_cast<size_t>(c.encoder.vocab_size)) {
    return invalid_argument(c.tokenizer_path + ": the tokenizer has " + std::to_string(tokenizer_vocab) +
                            " tokens but config.json declares vocab_size " +
                            std::to_string(c.encoder.vocab_size));
  }
  const std::string weights_path = c.model_dir + "/model.safetensors";
  SANAD_ASSIGN_OR_RETURN(std::shared_ptr<const SafetensorsFile> weights,
                         SafetensorsFile::open(weights_path));
  SANAD_ASSIGN_OR_RETURN(e->encoder_, BertEncoder::load(c.encoder, std::move(weights), threads, int8));
  // Parallelism comes from the encoder's own threads (one per group of sequences);
  // OpenBLAS's helper threads would spin between calls and steal those cores.
  set_blas_threads(1);
  return e;
}

std::vector<int32_t> LocalEmbedder::tokenize(const std::string& text, InputKind kind) const {
  const std::string& prefix = kind == InputKind::kQuery ? config_.query_prefix : config_.passage_prefix;
  const std::string input = prefix.empty() ? text : prefix + text;
  return wordpiece_ ? wordpiece_->encode_with_specials(input, config_.max_seq_length)
                    : sentencepiece_->encode_with_specials(input, config_.max_seq_length);
}

Result<std::vector<std::vector<float>>> LocalEmbedder::embed(const std::vector<std::string>& texts,
                                                             InputKind kind) {
  std::vector<std::vector<int32_t>> ids(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) ids[i] = tokenize(texts[i], kind);

  // Longest first, in groups of at most kMaxBatchTokens tokens: similar lengths
  // share a batch and the scratch memory stays bounded.
  std::vector<size_t> order(texts.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return ids[a].size() > ids[b].size(); });
  std::vector<std::vector<float>> vectors(texts.size());
  std::vector<float> states;
  const auto hidden = static_cast<size_t>(config_.encoder.hidden);
  for (size_t begin = 0; begin < order.size();) {
    std::vector<std::vector<int32_t>> batch;
    std::vector<size_t> lengths;
    size_t tokens = 0, end = begin;
    while (end < order.size() &&
           (batch.empty() || tokens + ids[order[end]].size() <= kMaxBatchTokens)) {
      tokens += ids[order[end]].size();
      lengths.push_back(ids[order[end]].size());
      batch.push_back(std::move(ids[order[end]]));
      ++end;
    }
    encoder_->forward(batch, states);
    auto pooled = pool(states, lengths, hidden, config_.pooling, config_.normalize);
    for (size_t k = 0; k < pooled.size(); ++k) vectors[order[begin + k]] = std::move(pooled[k]);
    begin = end;
  }
  return vectors;
}

}  // namespace sanad::embed
