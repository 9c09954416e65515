#pragma once
// Structure-aware chunking with provenance, streaming: blocks in, chunks out.
//
// A heading closes the current chunk and opens a section (a chunk never spans two
// sections, so its heading trail is exact); within a section, blocks are packed
// into chunks up to `max_tokens`; a block longer than that is cut into sentences
// (ICU sentence break iteration), and a sentence longer than that at spaces. When a
// chunk is full, the next one starts with the last units of the previous one, up to
// `overlap_tokens` (never across a section boundary; when the last unit alone is
// larger than that, its last sentences that fit are carried over).
//
// Offsets: `start`/`end` are UTF-8 byte offsets into the document's extracted text
// (the blocks' texts joined by "\n\n", see block.h); `text` equals
// extracted.substr(start, end - start) exactly, so a quote can be located and
// highlighted. Memory is bounded by about (max_tokens + overlap_tokens) worth of text
// plus the block being added. Not thread-safe (one Chunker per document).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "documents/block.h"
#include "text/language.h"

namespace sanad::documents {

struct ChunkOptions {
  std::size_t max_tokens = 256;     // see docs/chunking.md for how these were chosen
  std::size_t overlap_tokens = 40;  // ~15 %
};

struct Chunk {
  std::size_t index = 0;                  // 0-based, in document order
  int page = 0;                           // page of the chunk's first character (0: not paginated)
  std::vector<std::string> heading_trail;  // outermost first, e.g. {"Chapitre 2", "Congés payés"}
  std::string text;
  std::size_t start = 0;  // UTF-8 byte offsets into the extracted text, [start, end)
  std::size_t end = 0;
  text::Language language = text::Language::kUnknown;
  std::size_t tokens = 0;  // estimate_tokens(text)
};

// "Chapitre 2 > Congés payés".
std::string heading_trail_string(const std::vector<std::string>& trail);

// A tokenizer-independent estimate of the number of subword tokens in `text`: every
// run of letters/digits counts one token per 5 code points (rounded up), every other
// non-space character one token. An approximation of subword tokenizers (see
// docs/chunking.md), deterministic and cheap; not a substitute for the embedding
// model's own tokenizer where exact limits matter.
std::size_t estimate_tokens(std::string_view text);

// Receives chunks in order; a non-OK Status stops chunking and is returned by add()/finish().
using ChunkSink = std::function<Status(Chunk&&)>;

class Chunker {
 public:
  Chunker(ChunkOptions options, ChunkSink sink);
  ~Chunker();
  Chunker(const Chunker&) = delete;
  Chunker& operator=(const Chunker&) = delete;

  // Adds the next block of the document (blocks must arrive in document order).
  Status add(const Block& block);
  // Emits the last chunk. Call once, after the last block.
  Status finish();

  // Size in bytes of the extracted text seen so far.
  std::size_t text_size() const { return doc_size_; }
  std::size_t chunk_count() const { return next_index_; }
  // Language of the document, from its first 32 KB of text.
  text::LanguageGuess document_language() const;

 private:
  struct Unit {
    std::size_t start;
    std::size_t end;
    std::size_t tokens;
    int page;
    bool heading;
  };
  struct Breaker;

  std::vector<std::size_t> sentence_bounds(std::string_view t) const;
  void split_block(const Block& block, std::size_t start, std::vector<Unit>& out) const;
  Status add_unit(const Unit& unit);
  Status emit();
  void keep_overlap();

  ChunkOptions options_;
  ChunkSink sink_;
  std::unique_ptr<Breaker> breaker_;
  std::vector<std::pair<int, std::string>> trail_;  // (level, heading text)
  std::vector<Unit> units_;                         // the chunk being built
  std::size_t unit_tokens_ = 0;
  std::size_t overlap_units_ = 0;  // leading units_ carried over from the previous chunk
  std::string window_;           // extracted text from window_start_ to doc_size_
  std::size_t window_start_ = 0;
  std::size_t doc_size_ = 0;
  bool any_block_ = false;
  std::size_t next_index_ = 0;
  std::string sample_;  // first 32 KB, for document_language()
};

}  // namespace sanad::documents
