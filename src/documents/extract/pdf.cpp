// PDF with poppler-cpp, one page at a time (only the current page's text is held).
// Each page's text comes from page::text() in reading order (poppler's own layout
// analysis, as pdftotext does): lines end with a newline and text flows are
// separated by blank lines. A flow becomes a paragraph; short title-like lines at
// the start of a flow followed by body text become headings. Per-word boxes
// (page::text_list()) would give font sizes, but cost 1.7x the time of the whole
// extraction (one object and one iconv conversion per word).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"
#include "documents/extract.h"
#include "documents/extract/block_emitter.h"

namespace sanad::documents {
namespace {

// A heading is at most this many code points long, and a flow opens with at most
// this many heading lines.
constexpr std::size_t kMaxHeadingChars = 90;
constexpr std::size_t kMaxHeadingLines = 3;

// poppler::ustring is UTF-16; its to_utf8() goes through iconv, so the conversion
// is done here, into a buffer reused from page to page.
void to_utf8(const poppler::ustring& u, std::string& out) {
  out.clear();
  const std::size_t n = u.size();
  out.reserve(n + n / 4);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t c = u[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;  // unpaired surrogate
    }
    text::append_utf8(out, static_cast<char32_t>(c));
  }
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

// Could be a title: short, no sentence punctuation at the end, not a list item,
// not starting in lower case.
bool title_like(std::string_view line) {
  if (line.empty() || code_points(line) > kMaxHeadingChars) return false;
  const char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '-') return false;
  if (line.size() >= 3 && line.substr(line.size() - 3) == "\u2026") return false;  // …
  const auto first = static_cast<unsigned char>(line.front());
  if (first >= 'a' && first <= 'z') return false;
  if (first < 0x80 && !(first >= 'A' && first <= 'Z') && !(first >= '0' && first <= '9')) return false;
  // Bullets and dashes that open list items.
  return !starts_with_any(line, {"\u2022", "\u2013", "\u2014", "\u00b7", "\u25aa", "\u25e6", "\u25cf", "\uf0b7"});
}

// Emits one flow (its lines, in order): its leading title-like lines as headings
// when body text follows them, the rest as one paragraph.
Status emit_flow(const std::vector<std::string_view>& lines, int page_number, bool& first_heading,
                 std::string& paragraph, detail::BlockEmitter& emitter) {
  std::size_t headings = 0;
  while (headings < lines.size() && headings < kMaxHeadingLines && title_like(lines[headings])) ++headings;
  if (headings == lines.size() || title_like(lines[headings])) headings = 0;  // no body follows
  for (std::size_t i = 0; i < headings; ++i) {
    SANAD_RETURN_IF_ERROR(emitter.emit(BlockKind::kHeading, first_heading ? 1 : 2, lines[i], page_number));
    first_heading = false;
  }
  paragraph.clear();
  for (std::size_t i = headings; i < lines.size(); ++i) {
    if (!paragraph.empty()) {
      // A word hyphenated at the end of a line is joined back.
      if (paragraph.back() == '-' && paragraph.size() > 1 && paragraph[paragraph.size() - 2] != ' ') {
        paragraph.pop_back();
      } else {
        paragraph.push_back(' ');
      }
    }
    paragraph.append(lines[i]);
  }
  return emitter.emit(BlockKind::kParagraph, 0, paragraph, page_number);
}

// Splits a page's text into flows at blank lines and emits them.
Status emit_page(std::string_view text, int page_number, bool& first_heading, detail::BlockEmitter& emitter) {
  std::vector<std::string_view> lines;
  std::string paragraph;
  while (true) {
    const std::size_t eol = text.find('\n');
    const std::string_view line = trim(text.substr(0, eol));
    if (line.empty()) {
      if (!lines.empty()) SANAD_RETURN_IF_ERROR(emit_flow(lines, page_number, first_heading, paragraph, emitter));
      lines.clear();
    } else {
      lines.push_back(line);
    }
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
  if (!lines.empty()) return emit_flow(lines, page_number, first_heading, paragraph, emitter);
  return Status::ok();
}

}  // namespace

int pdf_page_count(const std::filesystem::path& path) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc || doc->is_locked()) return 0;
  return doc->pages();
}

Status extract_pdf(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink) {
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return not_found("cannot open " + path.filename().string());
    char magic[5] = {};
    probe.read(magic, 5);
    if (probe.gcount() < 5 || std::string_view(magic, 5) != "%PDF-") {
      return invalid_argument("not a PDF file (no %PDF- header)");
    }
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc) return invalid_argument("the PDF is damaged or unreadable");
  if (doc->is_locked()) return invalid_argument("the PDF is password-protected");
  const int pages = doc->pages();
  if (pages <= 0) return invalid_argument("the PDF has no pages");
  if (pages > limits.max_pdf_pages) {
    return too_large("the PDF has " + std::to_string(pages) + " pages (limit " +
                     std::to_string(limits.max_pdf_pages) + ")");
  }
  detail::BlockEmitter emitter(limits, sink);
  std::string text;  // one page's text, reused
  bool first_heading = true;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    to_utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout), text);
    SANAD_RETURN_IF_ERROR(emit_page(text, i + 1, first_heading, emitter));
  }
  if (emitter.count() == 0) {
    return failed_precondition("the PDF has no text layer (scanned images?); run OCR on it first");
  }
  return Status::ok();
}

}  // namespace sanad::documents
