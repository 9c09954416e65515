#pragma once
// Chooses what the answer is generated from: the retrieved passages, deduplicated,
// spread across documents (at most a few passages per document while others
// wait), each widened with its neighbouring chunks (same document, ordinal ± 1,
// read through a ChunkSource) and merged with passages that touch it, all within a
// token budget. Every source remembers which stored chunk each part of its text
// came from, so a quote can be mapped back to a chunk and its offsets.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "retrieval/retriever.h"

namespace sanad::assistant {

// A stored chunk, as the neighbour lookup returns it.
struct ChunkRow {
  std::string chunk_id;
  int64_t ordinal = 0;
  int64_t page = 0;
  std::string section;
  std::string text;
  int64_t start = 0;  // code-point offsets in the document's extracted text
  int64_t end = 0;
};

// Reads chunks of one document by ordinal range. Thread-safe implementations only.
class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  // Chunks of `document_id` with first <= ordinal <= last, by ordinal.
  virtual Result<std::vector<ChunkRow>> chunks(const std::string& document_id, int64_t first, int64_t last) const = 0;
};

// One part of a context source: a stored chunk's text, or its tail when it
// overlaps the part before it.
struct SourcePart {
  std::string chunk_id;
  int64_t ordinal = 0;
  int64_t page = 0;
  std::string section;
  size_t offset = 0;      // byte offset of this part in ContextSource::text
  size_t length = 0;      // bytes
  int64_t char_start = 0;  // code-point offset of the part's first character in the document
};

// One numbered source given to the generator.
struct ContextSource {
  int n = 0;  // 1-based, in order
  std::string document_id;
  std::string folder_id;
  std::string title;
  std::string language;
  std::string text;  // parts joined by "\n"
  std::vector<SourcePart> parts;
  double score = 0;  // the best retrieval score among its passages
};

struct ContextOptions {
  size_t token_budget = 3000;   // estimated tokens over all source texts
  size_t max_sources = 8;
  size_t max_per_document = 2;  // passages taken from one document before others get a turn
  int neighbours = 1;           // chunks read on each side of a chosen passage (0: none)
};

// Estimated tokens of `text` (about 4 bytes per token for Latin script, 2 for Arabic).
size_t estimate_tokens(std::string_view text);

// `passages` come best first. `chunks` may be null (no neighbours then); a failed
// neighbour read is ignored (the passage alone is used).
std::vector<ContextSource> select_context(const std::vector<retrieval::Passage>& passages,
                                          const ChunkSource* chunks, const ContextOptions& options = {});

// Where a byte span of a source's text comes from: the part that holds `begin`
// and the span's code-point offsets in the document. nullopt when out of range.
struct MappedSpan {
  const SourcePart* part = nullptr;
  int64_t start = 0;
  int64_t end = 0;
};
std::optional<MappedSpan> map_span(const ContextSource& source, size_t begin, size_t end);

}  // namespace sanad::assistant
