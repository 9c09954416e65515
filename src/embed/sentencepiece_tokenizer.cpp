#include "embed/sentencepiece_tokenizer.h"

#include <sentencepiece_processor.h>

namespace sanad::embed {

Result<std::unique_ptr<SentencePieceTokenizer>> SentencePieceTokenizer::load(
    const std::string& model_path) {
  std::unique_ptr<SentencePieceTokenizer> t(new SentencePieceTokenizer());
  t->processor_ = std::make_unique<sentencepiece::SentencePieceProcessor>();
  const auto status = t->processor_->Load(model_path);
  if (!status.ok()) {
    return invalid_argument(model_path + ": not a SentencePiece model (" + status.ToString() + ")");
  }
  return t;
}

SentencePieceTokenizer::~SentencePieceTokenizer() = default;

std::vector<int32_t> SentencePieceTokenizer::encode(std::string_view text) const {
  std::vector<int> pieces;
  if (!processor_->Encode(text, &pieces).ok()) return {};
  std::vector<int32_t> ids;
  ids.reserve(pieces.size());
  const int unk = processor_->unk_id();
  // fairseq reserves 0..3 for <s>, <pad>, </s>, <unk> and shifts the rest by one
  // (SentencePiece's own <unk>, <s>, </s> sit at 0, 1, 2).
  for (int piece : pieces) ids.push_back(piece == unk ? kUnk : piece + 1);
  return ids;
}

std::vector<int32_t> SentencePieceTokenizer::encode_with_specials(std::string_view text,
                                                                  size_t max_length) const {
  std::vector<int32_t> ids = encode(text);
  const size_t room = max_length >= 2 ? max_length - 2 : 0;
  if (ids.size() > room) ids.resize(room);
  ids.insert(ids.begin(), kBos);
  ids.push_back(kEos);
  return ids;
}

size_t SentencePieceTokenizer::vocab_size() const {
  return static_cast<size_t>(processor_->GetPieceSize()) + 1;
}

}  // namespace sanad::embed
