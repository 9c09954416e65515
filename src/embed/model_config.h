#pragma once
// What a Hugging Face / sentence-transformers model folder says about itself:
// the encoder shape (config.json), the tokenizer (vocab.txt + tokenizer_config.json,
// or sentencepiece.bpe.model), pooling (1_Pooling/config.json), normalisation
// (a Normalize module in modules.json), the sequence limit
// (sentence_bert_config.json) and the query/passage prefixes
// (config_sentence_transformers.json "prompts"). Plain data; thread-safe to share.

#include <cstdint>
#include <string>

#include "core/status.h"
#include "embed/wordpiece.h"

namespace sanad::embed {

enum class Architecture { kBert, kXlmRoberta };
enum class Pooling { kMean, kCls, kMax };
enum class TokenizerKind { kWordPiece, kSentencePiece };

struct EncoderConfig {
  Architecture architecture = Architecture::kBert;
  int64_t vocab_size = 0;
  int64_t hidden = 0;
  int64_t layers = 0;
  int64_t heads = 0;
  int64_t intermediate = 0;
  int64_t max_positions = 0;
  int64_t type_vocab_size = 2;
  float layer_norm_eps = 1e-12f;
  int64_t pad_token_id = 0;
  // First position id of a real token: 0 for BERT, padding_idx + 1 for XLM-R.
  int64_t position_offset = 0;
};

struct ModelConfig {
  std::string model_dir;
  std::string model_id;  // folder name + "-" + 8 hex digits of a hash of the config files
  EncoderConfig encoder;
  TokenizerKind tokenizer = TokenizerKind::kWordPiece;
  std::string tokenizer_path;  // vocab.txt or sentencepiece.bpe.model
  WordPieceOptions wordpiece;
  Pooling pooling = Pooling::kMean;
  bool normalize = false;
  size_t max_seq_length = 512;  // tokens, specials included
  std::string query_prefix;
  std::string passage_prefix;
};

// Reads the configuration files of `model_dir`. Errors name the file and what is
// wrong (missing config.json, unsupported architecture, missing tokenizer, ...).
Result<ModelConfig> load_model_config(const std::string& model_dir);

const char* pooling_name(Pooling pooling);

}  // namespace sanad::embed
