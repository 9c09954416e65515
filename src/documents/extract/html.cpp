// HTML with gumbo (an HTML5-conformant parser). Boilerplate (script, style, nav,
// header, footer, aside, forms, templates) is dropped; headings keep their level,
// list items and table rows become their own blocks, other text is gathered into
// paragraphs at block-level element boundaries. The file is decoded like plain
// text (UTF-8, UTF-16 with BOM, else Windows-1252) before parsing.
#include <gumbo.h>

#include <memory>
#include <string>

#include "documents/extract.h"
#include "documents/extract/block_emitter.h"
#include "documents/extract/line_reader.h"

namespace sanad::documents {
namespace {

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

bool is_dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_CANVAS:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_BODY: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_CENTER:
      return true;
    default:
      return false;
  }
}

int heading_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

class HtmlWalker {
 public:
  explicit HtmlWalker(detail::BlockEmitter& emitter) : emitter_(emitter) {}

  Status walk(const GumboNode* node, int depth) {
    if (depth > 256) return Status::ok();  // gumbo caps nesting too; ignore deeper content
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      buffer_.append(node->v.text.text);
      return Status::ok();
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE && node->type != GUMBO_NODE_DOCUMENT) {
      return Status::ok();
    }
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    const GumboTag tag = node->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_HTML : node->v.element.tag;
    if (is_dropped(tag)) return Status::ok();
    if (const int level = heading_level(tag); level > 0) {
      SANAD_RETURN_IF_ERROR(flush());
      std::string text;
      inline_text(node, text);
      return emitter_.emit(BlockKind::kHeading, level, text, 0);
    }
    if (tag == GUMBO_TAG_BR) {
      buffer_.push_back(' ');
      return Status::ok();
    }
    if (tag == GUMBO_TAG_PRE) {
      SANAD_RETURN_IF_ERROR(flush());
      std::string text;
      inline_text(node, text);
      return emitter_.emit(BlockKind::kCode, 0, text, 0);
    }
    if (tag == GUMBO_TAG_TR) {
      SANAD_RETURN_IF_ERROR(flush());
      std::string row;
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* cell = static_cast<const GumboNode*>(children.data[i]);
        if (cell->type != GUMBO_NODE_ELEMENT) continue;
        std::string text;
        inline_text(cell, text);
        text = detail::collapse_whitespace(text);
        if (text.empty()) continue;
        if (!row.empty()) row.append(" | ");
        row.append(text);
      }
      return emitter_.emit(BlockKind::kTableRow, 0, row, 0);
    }
    if (tag == GUMBO_TAG_LI) {
      SANAD_RETURN_IF_ERROR(flush());
      // The item's own text first, then any nested list as items of their own.
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* c = static_cast<const GumboNode*>(children.data[i]);
        if (c->type == GUMBO_NODE_ELEMENT && (c->v.element.tag == GUMBO_TAG_UL || c->v.element.tag == GUMBO_TAG_OL)) {
          continue;
        }
        SANAD_RETURN_IF_ERROR(walk(c, depth + 1));
      }
      Status s = emitter_.emit(BlockKind::kListItem, 0, buffer_, 0);
      buffer_.clear();
      SANAD_RETURN_IF_ERROR(s);
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* c = static_cast<const GumboNode*>(children.data[i]);
        if (c->type == GUMBO_NODE_ELEMENT && (c->v.element.tag == GUMBO_TAG_UL || c->v.element.tag == GUMBO_TAG_OL)) {
          SANAD_RETURN_IF_ERROR(walk(c, depth + 1));
        }
      }
      return Status::ok();
    }
    const bool block = is_block(tag) || tag == GUMBO_TAG_HTML;
    if (block) SANAD_RETURN_IF_ERROR(flush());
    for (unsigned i = 0; i < children.length; ++i) {
      SANAD_RETURN_IF_ERROR(walk(static_cast<const GumboNode*>(children.data[i]), depth + 1));
    }
    if (block) SANAD_RETURN_IF_ERROR(flush());
    return Status::ok();
  }

  Status flush() {
    Status s = emitter_.emit(BlockKind::kParagraph, 0, buffer_, 0);
    buffer_.clear();
    return s;
  }

 private:
  // All text under `node`, dropped elements excluded, block boundaries as spaces.
  static void inline_text(const GumboNode* node, std::string& out, int depth = 0) {
    if (depth > 256) return;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      out.append(node->v.text.text);
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    if (is_dropped(node->v.element.tag)) return;
    const bool spaced = node->v.element.tag == GUMBO_TAG_BR || is_block(node->v.element.tag);
    if (spaced) out.push_back(' ');
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      inline_text(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
      if (node->v.element.tag == GUMBO_TAG_TR) out.push_back(' ');
    }
    if (spaced) out.push_back(' ');
  }

  detail::BlockEmitter& emitter_;
  std::string buffer_;
};

}  // namespace

Status extract_html(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return not_found("cannot open " + path.filename().string());
  if (size > limits.max_markup_bytes) {
    return too_large("the HTML file is larger than " + std::to_string(limits.max_markup_bytes >> 20) + " MB");
  }
  std::string html;
  html.reserve(static_cast<std::size_t>(size));
  SANAD_RETURN_IF_ERROR(detail::for_each_line(path, limits.max_markup_bytes, detail::LongLines::kSplit,
                                              [&](std::string_view line, std::size_t, bool) {
                                                html.append(line);
                                                html.push_back('\n');
                                                return Status::ok();
                                              }));
  std::unique_ptr<GumboOutput, GumboDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  if (!output) return invalid_argument("the HTML could not be parsed");
  detail::BlockEmitter emitter(limits, sink);
  HtmlWalker walker(emitter);
  SANAD_RETURN_IF_ERROR(walker.walk(output->document, 0));
  return walker.flush();
}

}  // namespace sanad::documents
