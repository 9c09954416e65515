#pragma once
// The two benchmark shapes, written as full-size model folders with
// rule-generated weights (src/embed/random_weights.h). Only config.json and
// model.safetensors: the benchmarks feed token ids straight to the encoder.

#include <filesystem>
#include <fstream>
#include <string>

#include "embed/model_config.h"
#include "embed/random_weights.h"

namespace sanad::embed::bench {

inline EncoderConfig minilm_shape() {
  EncoderConfig c;
  c.architecture = Architecture::kBert;
  c.vocab_size = 30522, c.hidden = 384, c.layers = 6, c.heads = 12, c.intermediate = 1536;
  c.max_positions = 512, c.type_vocab_size = 2, c.layer_norm_eps = 1e-12f, c.pad_token_id = 0;
  c.position_offset = 0;
  return c;
}

inline EncoderConfig e5_small_shape() {
  EncoderConfig c;
  c.architecture = Architecture::kXlmRoberta;
  c.vocab_size = 250037, c.hidden = 384, c.layers = 12, c.heads = 12, c.intermediate = 1536;
  c.max_positions = 514, c.type_vocab_size = 1, c.layer_norm_eps = 1e-5f, c.pad_token_id = 1;
  c.position_offset = 2;
  return c;
}

// Writes dir/config.json, a tokenizer file and dir/model.safetensors (fp32)
// unless present. The tokenizer is the real all-MiniLM-L6-v2 vocab.txt when the
// shared data is there (else the test fixture's), and the test fixture's tiny
// SentencePiece model for the XLM-R shape: the benchmarks feed token ids.
inline void write_bench_model(const std::string& dir, const EncoderConfig& c) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  if (fs::exists(dir + "/model.safetensors")) return;
  const bool bert = c.architecture == Architecture::kBert;
  const std::string fixtures = SANAD_SOURCE_DIR "/tests/fixtures/embed/";
  if (bert) {
    std::string vocab = fixtures + "bert/vocab.txt";
    for (const char* shared : {SANAD_SOURCE_DIR "/../shared/data", SANAD_SOURCE_DIR "/../../shared/data"}) {
      const std::string real = std::string(shared) + "/tokenizers/all-MiniLM-L6-v2-tokenizer/vocab.txt";
      if (fs::exists(real)) {
        vocab = real;
        break;
      }
    }
    fs::copy_file(vocab, dir + "/vocab.txt", fs::copy_options::overwrite_existing);
  } else {
    fs::copy_file(fixtures + "xlmr/sentencepiece.bpe.model", dir + "/sentencepiece.bpe.model",
                  fs::copy_options::overwrite_existing);
  }
  std::ofstream(dir + "/config.json")
      << "{\"architectures\": [\"" << (bert ? "BertModel" : "XLMRobertaModel") << "\"], "
      << "\"hidden_act\": \"gelu\", \"hidden_size\": " << c.hidden
      << ", \"num_hidden_layers\": " << c.layers << ", \"num_attention_heads\": " << c.heads
      << ", \"intermediate_size\": " << c.intermediate
      << ", \"max_position_embeddings\": " << c.max_positions
      << ", \"type_vocab_size\": " << c.type_vocab_size << ", \"layer_norm_eps\": "
      << (bert ? "1e-12" : "1e-5") << ", \"pad_token_id\": " << c.pad_token_id
      << ", \"vocab_size\": " << c.vocab_size << "}\n";
  (void)write_random_weights(dir + "/model.safetensors", c, DType::kF32);
}

}  // namespace sanad::embed::bench
