// PDF with poppler-cpp, one page at a time (only the current page's words are held).
// Poppler gives a page's words in reading order with their boxes;
// words are grouped into lines by position, lines into paragraphs at vertical gaps
// and font-size changes, and a short paragraph set clearly larger than the page's
// body text becomes a heading (level from the size ratio).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "text/utf8.h"
#include "documents/extract.h"
#include "documents/extract/block_emitter.h"

namespace sanad::documents {
namespace {

struct Line {
  std::string text;
  double top = 0;
  double bottom = 0;
  double font_size = 0;
};

// poppler::ustring is UTF-16; its to_utf8() opens an iconv descriptor per call, which
// dominated extraction time when called per word, so the conversion is done here.
void append_utf8(const poppler::ustring& u, std::string& out) {
  const std::size_t n = u.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t c = u[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;  // unpaired surrogate
    }
    text::append_utf8(out, static_cast<char32_t>(c));
  }
}

std::vector<Line> page_lines(const poppler::page& page) {
  std::vector<Line> lines;
  bool space_pending = false;
  // Font sizes are taken from word box heights: asking poppler for font information
  // (text_list_include_font) rescans the page's fonts through fontconfig and tripled
  // the extraction time, and only ratios between sizes matter here.
  for (const poppler::text_box& word : page.text_list()) {
    const poppler::rectf box = word.bbox();
    const double height = std::max(1.0, box.height());
    if (lines.empty() || std::abs(box.top() - lines.back().top) > 0.5 * height) {
      lines.push_back({{}, box.top(), box.bottom(), height});
    } else if (space_pending) {
      lines.back().text.push_back(' ');
    }
    Line& line = lines.back();
    append_utf8(word.text(), line.text);
    line.bottom = std::max(line.bottom, box.bottom());
    line.font_size = std::max(line.font_size, height);
    space_pending = word.has_space_after();
  }
  return lines;
}

// The font size carrying most of the page's characters.
double body_font_size(const std::vector<Line>& lines) {
  std::map<long, std::size_t> weight;
  for (const Line& l : lines) weight[std::lround(l.font_size * 10)] += l.text.size();
  long best = 0;
  std::size_t best_weight = 0;
  for (const auto& [size, w] : weight) {
    if (w > best_weight) {
      best = size;
      best_weight = w;
    }
  }
  return static_cast<double>(best) / 10.0;
}

Status emit_page(const std::vector<Line>& lines, int page_number, detail::BlockEmitter& emitter) {
  const double body = body_font_size(lines);
  std::string paragraph;
  double paragraph_size = 0;
  int paragraph_lines = 0;
  auto flush = [&]() -> Status {
    if (paragraph.empty()) return Status::ok();
    const double ratio = body > 0 ? paragraph_size / body : 1.0;
    Status s;
    if (ratio >= 1.15 && paragraph.size() <= 200 && paragraph_lines <= 3) {
      const int level = ratio >= 1.6 ? 1 : ratio >= 1.3 ? 2 : 3;
      s = emitter.emit(BlockKind::kHeading, level, paragraph, page_number);
    } else {
      s = emitter.emit(BlockKind::kParagraph, 0, paragraph, page_number);
    }
    paragraph.clear();
    paragraph_lines = 0;
    return s;
  };
  const Line* prev = nullptr;
  for (const Line& line : lines) {
    if (prev) {
      const double prev_height = std::max(1.0, prev->bottom - prev->top);
      const bool size_change = std::abs(line.font_size - prev->font_size) > 0.1 * std::max(1.0, prev->font_size);
      const bool gap = line.top - prev->bottom > 0.8 * prev_height;
      const bool moved_up = line.top < prev->top;
      if (size_change || gap || moved_up) SANAD_RETURN_IF_ERROR(flush());
    }
    if (!paragraph.empty()) {
      // A word hyphenated at the end of a line is joined back.
      if (paragraph.back() == '-' && paragraph.size() > 1 && paragraph[paragraph.size() - 2] != ' ') {
        paragraph.pop_back();
      } else {
        paragraph.push_back(' ');
      }
    }
    paragraph.append(line.text);
    paragraph_size = line.font_size;
    ++paragraph_lines;
    prev = &line;
  }
  return flush();
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
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    SANAD_RETURN_IF_ERROR(emit_page(page_lines(*page), i + 1, emitter));
  }
  if (emitter.count() == 0) {
    return failed_precondition("the PDF has no text layer (scanned images?); run OCR on it first");
  }
  return Status::ok();
}

}  // namespace sanad::documents
