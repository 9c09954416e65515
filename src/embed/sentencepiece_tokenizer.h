#pragma once
// XLM-RoBERTa's tokenizer: a SentencePiece model (sentencepiece.bpe.model) read
// through libsentencepiece, with fairseq's id layout (<s>=0, <pad>=1, </s>=2,
// <unk>=3, every SentencePiece id shifted by one). Immutable after load;
// thread-safe (SentencePieceProcessor encoding is const).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace sanad::embed {

class SentencePieceTokenizer {
 public:
  // Loads the model file; errors name it.
  static Result<std::unique_ptr<SentencePieceTokenizer>> load(const std::string& model_path);
  ~SentencePieceTokenizer();

  // Ids without <s> / </s>.
  std::vector<int32_t> encode(std::string_view text) const;
  // <s> ids </s>, truncated to fit in `max_length`.
  std::vector<int32_t> encode_with_specials(std::string_view text, size_t max_length) const;
  // Number of ids this tokenizer can produce (SentencePiece pieces + 1).
  size_t vocab_size() const;

  static constexpr int32_t kBos = 0, kPad = 1, kEos = 2, kUnk = 3;

 private:
  SentencePieceTokenizer() = default;
  std::unique_ptr<sentencepiece::SentencePieceProcessor> processor_;
};

}  // namespace sanad::embed
