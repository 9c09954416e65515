// Plain text: paragraphs are separated by blank lines; encoding per line_reader.h.
#include <string>

#include "documents/extract.h"
#include "documents/extract/block_emitter.h"
#include "documents/extract/line_reader.h"

namespace sanad::documents {

Status extract_text(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink) {
  detail::BlockEmitter emitter(limits, sink);
  std::string paragraph;
  auto flush = [&]() -> Status {
    Status s = emitter.emit(BlockKind::kParagraph, 0, paragraph, 0);
    paragraph.clear();
    return s;
  };
  // A paragraph over the block limit is emitted up to its last space; the rest waits
  // for more text, so words are not cut.
  auto flush_long = [&]() -> Status {
    std::size_t cut = paragraph.find_last_of(" \n\t", limits.max_block_bytes);
    if (cut == std::string::npos || cut < limits.max_block_bytes / 2) cut = detail::utf8_floor(paragraph, limits.max_block_bytes);
    Status s = emitter.emit(BlockKind::kParagraph, 0, std::string_view(paragraph).substr(0, cut), 0);
    paragraph.erase(0, cut);
    return s;
  };
  bool continued = false;  // the previous piece was a line cut by the reader
  Status read = detail::for_each_line(
      path, limits.max_block_bytes, detail::LongLines::kSplit,
      [&](std::string_view line, std::size_t, bool goes_on) -> Status {
        const bool was_continued = continued;
        continued = goes_on;
        if (!was_continued && !goes_on && detail::collapse_whitespace(line).empty()) return flush();
        if (!paragraph.empty() && !was_continued) paragraph.push_back('\n');
        paragraph.append(line);
        Status s;
        while (s.is_ok() && paragraph.size() > limits.max_block_bytes) s = flush_long();
        return s;
      });
  SANAD_RETURN_IF_ERROR(read);
  return flush();
}

}  // namespace sanad::documents
