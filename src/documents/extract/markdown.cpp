// Markdown (CommonMark subset): ATX and setext headings, bullet and ordered lists,
// fenced code, pipe tables, block quotes and paragraphs. Inline markup is reduced to
// its text: links and images keep their label, emphasis and code markers go.
#include <string>

#include "documents/extract.h"
#include "documents/extract/block_emitter.h"
#include "documents/extract/line_reader.h"

namespace sanad::documents {
namespace {

std::size_t leading_spaces(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

bool only_chars(std::string_view s, std::string_view allowed) {
  if (s.empty()) return false;
  return s.find_first_not_of(allowed) == std::string_view::npos;
}

// "[label](target)", "![alt](src)", "[label][ref]" -> label; "<scheme:...>" -> its text.
std::string strip_inline(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '\\' && i + 1 < in.size() && std::string_view("\\`*_{}[]()#+-.!|<>").find(in[i + 1]) != std::string_view::npos) {
      out.push_back(in[++i]);
      continue;
    }
    if (c == '!' && i + 1 < in.size() && in[i + 1] == '[') continue;  // image: keep its alt text
    if (c == '[') {
      const std::size_t close = in.find(']', i + 1);
      if (close != std::string_view::npos && close + 1 < in.size() && (in[close + 1] == '(' || in[close + 1] == '[')) {
        const char end = in[close + 1] == '(' ? ')' : ']';
        const std::size_t target_end = in.find(end, close + 2);
        if (target_end != std::string_view::npos) {
          out.append(strip_inline(in.substr(i + 1, close - i - 1)));
          i = target_end;
          continue;
        }
      }
    }
    if (c == '<') {
      const std::size_t close = in.find('>', i + 1);
      if (close != std::string_view::npos) {
        std::string_view inner = in.substr(i + 1, close - i - 1);
        if (inner.find("://") != std::string_view::npos || inner.find('@') != std::string_view::npos) {
          out.append(inner);
          i = close;
          continue;
        }
      }
    }
    if (c == '`') continue;
    if ((c == '*' || c == '_') && i + 1 < in.size() && in[i + 1] == c) {
      ++i;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

class MarkdownParser {
 public:
  MarkdownParser(const ExtractLimits& limits, const BlockSink& sink) : limits_(limits), emitter_(limits, sink) {}

  Status line(std::string_view raw) {
    if (!fence_.empty()) return code_line(raw);
    const std::size_t indent = leading_spaces(raw);
    std::string_view line = raw.substr(indent);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && line.front() == '>') {  // block quote: its content
      line.remove_prefix(1);
      line.remove_prefix(leading_spaces(line));
    }
    if (line.empty()) return flush();
    if (line.starts_with("```") || line.starts_with("~~~")) {
      SANAD_RETURN_IF_ERROR(flush());
      fence_ = std::string(line.substr(0, 3));
      return Status::ok();
    }
    if (indent < 4 && line.front() == '#') {
      std::size_t level = 0;
      while (level < line.size() && line[level] == '#') ++level;
      if (level <= 6 && (level == line.size() || line[level] == ' ' || line[level] == '\t')) {
        SANAD_RETURN_IF_ERROR(flush());
        std::string_view title = line.substr(level);
        while (!title.empty() && (title.back() == '#' || title.back() == ' ')) title.remove_suffix(1);
        return emitter_.emit(BlockKind::kHeading, static_cast<int>(level), strip_inline(title), 0);
      }
    }
    if (kind_ == BlockKind::kParagraph && !buffer_.empty() && indent < 4 &&
        (only_chars(line, "=") || only_chars(line, "-"))) {
      const int level = line.front() == '=' ? 1 : 2;
      Status s = emitter_.emit(BlockKind::kHeading, level, strip_inline(buffer_), 0);
      buffer_.clear();
      return s;
    }
    if (only_chars(line, "-* ") && line.size() >= 3 && (line.front() == '-' || line.front() == '*')) {
      return flush();  // thematic break
    }
    if (only_chars(line, "_ ") && line.size() >= 3) return flush();
    if (line.front() == '|') {
      SANAD_RETURN_IF_ERROR(flush());
      if (only_chars(line, "|-: ")) return Status::ok();  // header separator
      return emitter_.emit(BlockKind::kTableRow, 0, table_row(line), 0);
    }
    if (line.starts_with("[") && line.find("]: ") != std::string_view::npos && line.find("](") == std::string_view::npos) {
      return Status::ok();  // link reference definition
    }
    if (const std::size_t marker = list_marker(line); marker > 0) {
      SANAD_RETURN_IF_ERROR(flush());
      kind_ = BlockKind::kListItem;
      return append(line.substr(marker));
    }
    if (buffer_.empty()) kind_ = BlockKind::kParagraph;
    return append(line);
  }

  Status finish() {
    if (!fence_.empty()) {
      Status s = emitter_.emit(BlockKind::kCode, 0, buffer_, 0);
      buffer_.clear();
      fence_.clear();
      return s;
    }
    return flush();
  }

 private:
  // Length of "- ", "* ", "+ ", "12. ", "3) " at the start, or 0.
  static std::size_t list_marker(std::string_view line) {
    if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') return 2;
    std::size_t d = 0;
    while (d < line.size() && d < 9 && line[d] >= '0' && line[d] <= '9') ++d;
    if (d > 0 && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ') return d + 2;
    return 0;
  }

  static std::string table_row(std::string_view line) {
    std::string out;
    std::string_view rest = line.substr(1);
    if (!rest.empty() && rest.back() == '|') rest.remove_suffix(1);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= rest.size(); ++i) {
      if (i == rest.size() || (rest[i] == '|' && (i == 0 || rest[i - 1] != '\\'))) {
        std::string cell = detail::collapse_whitespace(strip_inline(rest.substr(start, i - start)));
        if (!cell.empty()) {
          if (!out.empty()) out.append(" | ");
          out.append(cell);
        }
        start = i + 1;
      }
    }
    return out;
  }

  Status code_line(std::string_view raw) {
    std::string_view trimmed = raw.substr(leading_spaces(raw));
    if (trimmed.starts_with(fence_)) {
      Status s = emitter_.emit(BlockKind::kCode, 0, buffer_, 0);
      buffer_.clear();
      fence_.clear();
      return s;
    }
    buffer_.append(raw);
    buffer_.push_back('\n');
    if (buffer_.size() >= limits_.max_block_bytes) {
      Status s = emitter_.emit(BlockKind::kCode, 0, buffer_, 0);
      buffer_.clear();
      return s;
    }
    return Status::ok();
  }

  Status append(std::string_view text) {
    if (!buffer_.empty()) buffer_.push_back(' ');
    buffer_.append(text);
    if (buffer_.size() >= limits_.max_block_bytes) return flush();
    return Status::ok();
  }

  Status flush() {
    if (buffer_.empty()) return Status::ok();
    Status s = emitter_.emit(kind_, 0, strip_inline(buffer_), 0);
    buffer_.clear();
    kind_ = BlockKind::kParagraph;
    return s;
  }

  const ExtractLimits& limits_;
  detail::BlockEmitter emitter_;
  std::string buffer_;
  BlockKind kind_ = BlockKind::kParagraph;
  std::string fence_;  // "```" or "~~~" while inside a fenced code block
};

}  // namespace

Status extract_markdown(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink) {
  MarkdownParser parser(limits, sink);
  SANAD_RETURN_IF_ERROR(detail::for_each_line(path, limits.max_line_bytes, detail::LongLines::kSplit,
                                              [&](std::string_view line, std::size_t, bool) { return parser.line(line); }));
  return parser.finish();
}

}  // namespace sanad::documents
