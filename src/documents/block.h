#pragma once
// The unit of extracted structure. Every extractor turns a file into a stream of
// Blocks, delivered one at a time to a BlockSink, so memory stays bounded by the
// largest block rather than the document.
//
// The *extracted text* of a document is defined as the concatenation of the text of
// all its blocks, in order, separated by exactly "\n\n". Chunk offsets (chunker.h)
// are UTF-8 byte offsets into that string.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::documents {

enum class BlockKind { kHeading, kParagraph, kListItem, kTableRow, kCode };

// "heading", "paragraph", "list_item", "table_row", "code".
std::string_view block_kind_name(BlockKind kind);

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;     // heading level 1..6 for kHeading, else 0
  std::string text;  // NFKC-normalised UTF-8, never empty, never contains "\n\n"
  int page = 0;      // 1-based page for paginated formats (PDF), 0 otherwise
};

// Receives blocks in document order. Returning a non-OK Status stops extraction
// and that Status is returned by the extractor (e.g. cancellation).
using BlockSink = std::function<Status(Block&&)>;

// Limits applied while extracting untrusted files. Defaults suit a 50 MB upload.
struct ExtractLimits {
  std::size_t max_zip_entries = 2000;
  std::uint64_t max_zip_uncompressed = 256ull << 20;  // sum of declared sizes
  double max_zip_ratio = 200.0;                       // per entry, declared
  std::size_t max_xml_bytes = 16u << 20;              // bytes actually inflated per part
  std::size_t max_markup_bytes = 8u << 20;            // HTML read into memory
  std::size_t max_line_bytes = 1u << 20;              // CSV record / Markdown line
  std::size_t max_block_bytes = 64u << 10;            // longer paragraphs are split
  int max_pdf_pages = 20000;
};

}  // namespace sanad::documents
