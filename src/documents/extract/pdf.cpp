// PDF with poppler-cpp, one page at a time (only the current page's text is held).
// Poppler gives each page's text in reading order, one text line per "\n"; lines are
// joined into paragraphs, a paragraph ending at a blank line or at a line that ends a
// sentence and stops short of the right margin.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "documents/extract.h"
#include "documents/extract/block_emitter.h"

namespace sanad::documents {
namespace {

bool ends_sentence(std::string_view line) {
  if (line.empty()) return false;
  const char last = line.back();
  if (last == '.' || last == ':' || last == '!' || last == '?' || last == ';') return true;
  return line.ends_with("\xD8\x9F");  // U+061F Arabic question mark
}

// Rough display width: UTF-8 code points.
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Status emit_page(std::string_view page_text, int page_number, detail::BlockEmitter& emitter) {
  std::vector<std::string_view> lines;
  std::size_t widest = 0;
  while (!page_text.empty()) {
    std::size_t nl = page_text.find('\n');
    if (nl == std::string_view::npos) nl = page_text.size();
    std::string_view line = page_text.substr(0, nl);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\f')) line.remove_suffix(1);
    lines.push_back(line);
    widest = std::max(widest, width(line));
    page_text.remove_prefix(std::min(page_text.size(), nl + 1));
  }
  std::string paragraph;
  for (std::string_view line : lines) {
    if (detail::collapse_whitespace(line).empty()) {
      SANAD_RETURN_IF_ERROR(emitter.emit(BlockKind::kParagraph, 0, paragraph, page_number));
      paragraph.clear();
      continue;
    }
    if (!paragraph.empty()) {
      // A word hyphenated at the end of a line is joined back.
      if (paragraph.back() == '-' && paragraph.size() > 1 && paragraph[paragraph.size() - 2] != ' ') {
        paragraph.pop_back();
      } else {
        paragraph.push_back(' ');
      }
    }
    paragraph.append(line);
    if (ends_sentence(line) && width(line) * 100 < widest * 85) {
      SANAD_RETURN_IF_ERROR(emitter.emit(BlockKind::kParagraph, 0, paragraph, page_number));
      paragraph.clear();
    }
  }
  return emitter.emit(BlockKind::kParagraph, 0, paragraph, page_number);
}

}  // namespace

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
    const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
    SANAD_RETURN_IF_ERROR(emit_page(std::string_view(utf8.data(), utf8.size()), i + 1, emitter));
  }
  if (emitter.count() == 0) {
    return failed_precondition("the PDF has no text layer (scanned images?); run OCR on it first");
  }
  return Status::ok();
}

}  // namespace sanad::documents
