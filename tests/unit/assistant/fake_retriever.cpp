#include "fake_retriever.h"

#include <cctype>
#include <set>
#include <sstream>

#include "llm/match_text.h"

namespace sanad::assistant::testing {

namespace {

std::set<std::string> words(const std::string& text) {
  std::set<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!word.empty()) {
      if (word.size() > 3) out.insert(word);
      word.clear();
    }
  }
  return out;
}

}  // namespace

Result<retrieval::RetrievalResult> FakeRetriever::retrieve(const retrieval::RetrievalRequest& request) const {
  ++calls_;
  last_query_ = request.query;
  if (request.query.empty()) return invalid_argument("empty query");
  retrieval::RetrievalResult out;
  out.index_version = version_;
  out.mode_used = "lexical";
  auto q = words(request.query);
  double score = 1.0;
  for (const retrieval::Passage& p : passages_) {
    bool allowed = request.access.all || request.access.folders.count(p.folder_id) > 0 ||
                   request.access.documents.count(p.document_id) > 0;
    if (!allowed) continue;
    auto w = words(p.text);
    bool hit = false;
    for (const auto& t : q) hit = hit || w.count(t) > 0;
    if (!hit) continue;
    out.passages.push_back(p);
    out.passages.back().score = score;
    score *= 0.9;
    if (out.passages.size() >= request.k) break;
  }
  return out;
}

retrieval::Passage passage(const std::string& doc, const std::string& folder, int64_t ordinal, const std::string& text,
                           const std::string& language, int64_t start) {
  retrieval::Passage p;
  p.chunk_id = doc + "#" + std::to_string(ordinal);
  p.document_id = doc;
  p.folder_id = folder;
  p.title = "Title of " + doc;
  p.ordinal = ordinal;
  p.page = ordinal + 1;
  p.text = text;
  p.start = start;
  p.end = start + static_cast<int64_t>(llm::utf8_char_count(text, text.size()));
  p.language = language;
  return p;
}

}  // namespace sanad::assistant::testing
