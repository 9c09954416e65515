#pragma once
// BERT WordPiece tokenizer: the basic-tokenizer rules (text cleaning, CJK
// splitting, optional lower-casing and accent stripping, whitespace and
// punctuation splitting) followed by greedy longest-match WordPiece over a
// vocab.txt. Immutable after construction; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace sanad::embed {

struct WordPieceOptions {
  bool lower_case = true;          // tokenizer_config.json "do_lower_case"
  int strip_accents = -1;          // "strip_accents": -1 = follow lower_case, 0 = no, 1 = yes
  bool split_chinese_chars = true; // "tokenize_chinese_chars"
  std::string unk_token = "[UNK]";
  std::string cls_token = "[CLS]";
  std::string sep_token = "[SEP]";
  std::string pad_token = "[PAD]";
  size_t max_chars_per_word = 100;
};

class WordPieceTokenizer {
 public:
  // Reads vocab.txt (one token a line, id = line number). Errors name the file.
  static Result<WordPieceTokenizer> load(const std::string& vocab_path,
                                         const WordPieceOptions& options);
  // From an in-memory vocabulary (id = index).
  static Result<WordPieceTokenizer> from_tokens(std::vector<std::string> tokens,
                                                const WordPieceOptions& options);

  // Token ids of `text` without [CLS]/[SEP].
  std::vector<int32_t> encode(std::string_view text) const;
  // [CLS] ids [SEP], the ids truncated so that the whole fits in `max_length`.
  std::vector<int32_t> encode_with_specials(std::string_view text, size_t max_length) const;

  // The normalised, pre-tokenised words (exposed for tests and diagnostics).
  std::vector<std::string> pre_tokenize(std::string_view text) const;

  size_t vocab_size() const { return tokens_.size(); }
  int32_t pad_id() const { return pad_id_; }

 private:
  WordPieceTokenizer() = default;
  void wordpiece(const std::string& word, std::vector<int32_t>& out) const;

  WordPieceOptions options_;
  std::vector<std::string> tokens_;
  std::unordered_map<std::string, int32_t> ids_;
  int32_t unk_id_ = 0, cls_id_ = 0, sep_id_ = 0, pad_id_ = 0;
};

}  // namespace sanad::embed
