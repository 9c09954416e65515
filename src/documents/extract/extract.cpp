#include "documents/extract.h"

namespace sanad::documents {

std::string_view block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeading: return "heading";
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kTableRow: return "table_row";
    case BlockKind::kCode: return "code";
  }
  return "paragraph";
}

Status extract(DocumentType type, const std::filesystem::path& path, const ExtractLimits& limits,
               const BlockSink& sink) {
  switch (type) {
    case DocumentType::kPdf: return extract_pdf(path, limits, sink);
    case DocumentType::kDocx: return extract_docx(path, limits, sink);
    case DocumentType::kHtml: return extract_html(path, limits, sink);
    case DocumentType::kMarkdown: return extract_markdown(path, limits, sink);
    case DocumentType::kText: return extract_text(path, limits, sink);
    case DocumentType::kCsv: break;
  }
  return unsupported("a CSV file is imported as FAQ entries, not extracted as a document");
}

}  // namespace sanad::documents
