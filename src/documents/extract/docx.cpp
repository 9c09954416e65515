// DOCX (WordprocessingML) with libzip + pugixml. Headings come from paragraph styles
// ("Heading 1", "Titre 1", ids like "Heading1"/"Titre1") or outline levels; list
// paragraphs (numbering or a List style) become list items; table rows become one
// block each, cells separated by " | ". XML with a DTD is refused outright (pugixml
// never loads external entities, and refusing DTDs rules out entity expansion).
#include <pugixml.hpp>

#include <cctype>
#include <map>
#include <string>

#include "core/strings.h"
#include "documents/extract.h"
#include "documents/extract/block_emitter.h"
#include "documents/extract/zip_reader.h"

namespace sanad::documents {
namespace {

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (local_name(c) == local) return c;
  }
  return {};
}

std::string_view val(const pugi::xml_node& node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    if (name == "w:val" || name.ends_with(":val") || name == "val") return a.value();
  }
  return {};
}

Result<pugi::xml_document> parse_xml(std::string& data, const std::string& part) {
  if (data.find("<!DOCTYPE") != std::string::npos || data.find("<!ENTITY") != std::string::npos) {
    return invalid_argument(part + " contains a DTD, which is not allowed (possible entity expansion attack)");
  }
  pugi::xml_document doc;
  const pugi::xml_parse_result r = doc.load_buffer_inplace(data.data(), data.size(), pugi::parse_default);
  if (!r) return invalid_argument(part + " is not well-formed XML: " + r.description());
  return doc;
}

// Heading level from a style name or id: "heading 2", "Heading2", "Titre 3", "title".
int level_from_style_name(std::string_view raw) {
  const std::string name = core::ascii_lower(raw);
  for (std::string_view prefix : {"heading", "titre", "berschrift", "kop"}) {
    const std::size_t at = name.find(prefix);
    if (at == std::string::npos) continue;
    std::size_t i = at + prefix.size();
    while (i < name.size() && name[i] == ' ') ++i;
    if (i < name.size() && name[i] >= '1' && name[i] <= '9') return std::min(6, name[i] - '0');
    if (i == name.size() && at == 0) return 1;  // "Titre", "Heading": the title style
  }
  if (name == "title") return 1;
  if (name == "subtitle") return 2;
  return 0;
}

struct StyleInfo {
  int heading_level = 0;
  bool list = false;
};

std::map<std::string, StyleInfo> read_styles(const pugi::xml_document& doc) {
  std::map<std::string, StyleInfo> styles;
  for (pugi::xml_node s = child(doc, "styles").first_child(); s; s = s.next_sibling()) {
    if (local_name(s) != "style") continue;
    const std::string id = s.attribute("w:styleId").value();
    const std::string name(val(child(s, "name")));
    StyleInfo info;
    info.heading_level = level_from_style_name(name);
    if (info.heading_level == 0) info.heading_level = level_from_style_name(id);
    if (pugi::xml_node outline = child(child(s, "pPr"), "outlineLvl"); outline && info.heading_level == 0) {
      const int lvl = std::atoi(std::string(val(outline)).c_str());
      if (lvl >= 0 && lvl < 9) info.heading_level = std::min(6, lvl + 1);
    }
    info.list = core::ascii_lower(name).starts_with("list") || core::ascii_lower(id).starts_with("list");
    styles[id] = info;
  }
  return styles;
}

// Visible text of a run container, in order (deleted text and field codes skipped).
void collect_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    const std::string_view name = local_name(c);
    if (c.type() != pugi::node_element) continue;
    if (name == "t") {
      out.append(c.text().get());
    } else if (name == "tab" || name == "br" || name == "cr") {
      out.push_back(' ');
    } else if (name == "noBreakHyphen") {
      out.push_back('-');
    } else if (name == "del" || name == "instrText" || name == "delText" || name == "pPr" || name == "rPr") {
      continue;
    } else {
      collect_text(c, out);
    }
  }
}

class DocxWalker {
 public:
  DocxWalker(const std::map<std::string, StyleInfo>& styles, detail::BlockEmitter& emitter)
      : styles_(styles), emitter_(emitter) {}

  Status walk(const pugi::xml_node& container, int depth = 0) {
    if (depth > 64) return invalid_argument("the document nests too deeply");
    for (pugi::xml_node c = container.first_child(); c; c = c.next_sibling()) {
      const std::string_view name = local_name(c);
      if (name == "p") {
        SANAD_RETURN_IF_ERROR(paragraph(c));
      } else if (name == "tbl") {
        SANAD_RETURN_IF_ERROR(table(c));
      } else if (name == "sdt" || name == "sdtContent" || name == "customXml" || name == "ins") {
        SANAD_RETURN_IF_ERROR(walk(c, depth + 1));
      }
    }
    return Status::ok();
  }

 private:
  Status paragraph(const pugi::xml_node& p) {
    std::string text;
    collect_text(p, text);
    const pugi::xml_node ppr = child(p, "pPr");
    StyleInfo info;
    if (pugi::xml_node style = child(ppr, "pStyle")) {
      const auto it = styles_.find(std::string(val(style)));
      if (it != styles_.end()) {
        info = it->second;
      } else {
        info.heading_level = level_from_style_name(val(style));
      }
    }
    if (pugi::xml_node outline = child(ppr, "outlineLvl")) {
      const int lvl = std::atoi(std::string(val(outline)).c_str());
      info.heading_level = lvl >= 0 && lvl < 9 ? std::min(6, lvl + 1) : 0;
    }
    if (info.heading_level > 0) return emitter_.emit(BlockKind::kHeading, info.heading_level, text, 0);
    if (child(ppr, "numPr") || info.list) return emitter_.emit(BlockKind::kListItem, 0, text, 0);
    return emitter_.emit(BlockKind::kParagraph, 0, text, 0);
  }

  Status table(const pugi::xml_node& tbl) {
    for (pugi::xml_node tr = tbl.first_child(); tr; tr = tr.next_sibling()) {
      if (local_name(tr) != "tr") continue;
      std::string row;
      for (pugi::xml_node tc = tr.first_child(); tc; tc = tc.next_sibling()) {
        if (local_name(tc) != "tc") continue;
        std::string cell;
        collect_text(tc, cell);
        cell = detail::collapse_whitespace(cell);
        if (cell.empty()) continue;
        if (!row.empty()) row.append(" | ");
        row.append(cell);
      }
      SANAD_RETURN_IF_ERROR(emitter_.emit(BlockKind::kTableRow, 0, row, 0));
    }
    return Status::ok();
  }

  const std::map<std::string, StyleInfo>& styles_;
  detail::BlockEmitter& emitter_;
};

}  // namespace

Status extract_docx(const std::filesystem::path& path, const ExtractLimits& limits, const BlockSink& sink) {
  SANAD_ASSIGN_OR_RETURN(auto zip, detail::ZipReader::open(path, limits));
  if (!zip->contains("word/document.xml")) return invalid_argument("not a DOCX file (no word/document.xml)");
  std::map<std::string, StyleInfo> styles;
  if (zip->contains("word/styles.xml")) {
    SANAD_ASSIGN_OR_RETURN(std::string data, zip->read("word/styles.xml", limits.max_xml_bytes));
    SANAD_ASSIGN_OR_RETURN(pugi::xml_document doc, parse_xml(data, "word/styles.xml"));
    styles = read_styles(doc);
  }
  SANAD_ASSIGN_OR_RETURN(std::string data, zip->read("word/document.xml", limits.max_xml_bytes));
  SANAD_ASSIGN_OR_RETURN(pugi::xml_document doc, parse_xml(data, "word/document.xml"));
  const pugi::xml_node body = child(child(doc, "document"), "body");
  if (!body) return invalid_argument("word/document.xml has no body");
  detail::BlockEmitter emitter(limits, sink);
  DocxWalker walker(styles, emitter);
  return walker.walk(body);
}

}  // namespace sanad::documents
