#include "retrieval/result_json.h"

#include <nlohmann/json.hpp>

namespace sanad::retrieval {

size_t utf16_offset(std::string_view text, size_t byte) {
  size_t units = 0;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;  // 4-byte sequences are surrogate pairs
  }
  return units;
}

std::string search_result_json(const RetrievalResult& result) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& p : result.passages) {
    nlohmann::json highlights = nlohmann::json::array();
    for (const auto& [from, to] : p.highlights) {
      highlights.push_back({utf16_offset(p.text, from), utf16_offset(p.text, to)});
    }
    results.push_back({{"chunk_id", p.chunk_id}, {"document_id", p.document_id}, {"title", p.title},
                       {"page", p.page},         {"section", p.section},         {"text", p.text},
                       {"score", p.score},       {"highlights", std::move(highlights)}});
  }
  const auto& t = result.timings;
  nlohmann::json body{{"results", std::move(results)},
                      {"mode", result.mode_used},
                      {"index_version", result.index_version},
                      {"timings",
                       {{"embed_ms", t.embed_ms},
                        {"analyze_ms", t.search.analyze_ms},
                        {"lexical_ms", t.search.lexical_ms},
                        {"vector_ms", t.search.vector_ms},
                        {"fusion_ms", t.search.fusion_ms},
                        {"hydrate_ms", t.hydrate_ms},
                        {"total_ms", t.total_ms}}}};
  if (!result.note.empty()) body["note"] = result.note;
  return body.dump();
}

}  // namespace sanad::retrieval
