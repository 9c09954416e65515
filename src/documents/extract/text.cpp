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
  SANAD_RETURN_IF_ERROR(detail::for_each_line(
      path, limits.max_block_bytes, detail::LongLines::kSplit,
      [&](std::string_view line, std::size_t, bool) -> Status {
        if (detail::collapse_whitespace(line).empty()) return flush();
        if (!paragraph.empty()) paragraph.push_back('\n');
        paragraph.append(line);
        if (paragraph.size() >= limits.max_block_bytes) return flush();
        return Status::ok();
      }));
  return flush();
}

}  // namespace sanad::documents
