#include "assistant/context_selector.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "llm/match_text.h"

namespace sanad::assistant {

namespace {

struct Building {
  std::string document_id;
  std::string folder_id;
  std::string title;
  std::string language;
  double score = 0;
  std::map<int64_t, ChunkRow> rows;  // by ordinal
};

ChunkRow row_of(const retrieval::Passage& p) {
  ChunkRow r;
  r.chunk_id = p.chunk_id;
  r.ordinal = p.ordinal;
  r.page = p.page;
  r.section = p.section;
  r.text = p.text;
  r.start = p.start;
  r.end = p.end;
  return r;
}

// Byte offset of the `chars`-th code point of `text` (its size when shorter).
size_t byte_of_char(std::string_view text, int64_t chars) {
  size_t i = 0;
  int64_t seen = 0;
  while (i < text.size() && seen < chars) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    ++seen;
  }
  return i;
}

ContextSource finish(const Building& b, int n) {
  ContextSource s;
  s.n = n;
  s.document_id = b.document_id;
  s.folder_id = b.folder_id;
  s.title = b.title;
  s.language = b.language;
  s.score = b.score;
  const ChunkRow* prev = nullptr;
  for (const auto& [ordinal, row] : b.rows) {
    size_t skip = 0;
    int64_t char_start = row.start;
    // Consecutive chunks may overlap (the chunker repeats a few sentences): keep
    // only the part of this chunk past the end of the previous one.
    if (prev != nullptr && ordinal == prev->ordinal + 1 && row.start < prev->end && row.end > prev->end) {
      skip = byte_of_char(row.text, prev->end - row.start);
      char_start = prev->end;
    } else if (prev != nullptr && ordinal == prev->ordinal + 1 && row.end <= prev->end && row.start >= prev->start) {
      continue;  // wholly inside the previous chunk
    }
    while (skip < row.text.size() && (row.text[skip] == ' ' || row.text[skip] == '\n')) {
      ++skip;
      ++char_start;
    }
    if (skip >= row.text.size()) continue;
    if (!s.text.empty()) s.text += "\n";
    SourcePart part;
    part.chunk_id = row.chunk_id;
    part.ordinal = row.ordinal;
    part.page = row.page;
    part.section = row.section;
    part.offset = s.text.size();
    part.length = row.text.size() - skip;
    part.char_start = char_start;
    s.text.append(row.text, skip, std::string::npos);
    s.parts.push_back(std::move(part));
    prev = &row;
  }
  return s;
}

}  // namespace

size_t estimate_tokens(std::string_view text) {
  size_t ascii = 0;
  size_t other_chars = 0;
  for (unsigned char c : text) {
    if (c < 0x80) ++ascii;
    else if ((c & 0xC0) != 0x80) ++other_chars;
  }
  return (ascii + 3) / 4 + (other_chars + 1) / 2;
}

std::vector<ContextSource> select_context(const std::vector<retrieval::Passage>& passages,
                                          const ChunkSource* chunks, const ContextOptions& options) {
  // Deduplicate (same chunk, or the same text under normalisation), then order so
  // that no document takes more than max_per_document places while others wait.
  std::unordered_set<std::string> seen_ids;
  std::unordered_set<std::string> seen_texts;
  std::map<std::string, size_t> per_document;
  std::vector<const retrieval::Passage*> first;
  std::vector<const retrieval::Passage*> later;
  for (const retrieval::Passage& p : passages) {
    if (!seen_ids.insert(p.chunk_id).second) continue;
    if (!seen_texts.insert(llm::normalize_for_match(p.text)).second) continue;
    size_t& count = per_document[p.document_id];
    (count < options.max_per_document ? first : later).push_back(&p);
    ++count;
  }
  first.insert(first.end(), later.begin(), later.end());

  std::vector<Building> sources;
  size_t used = 0;
  for (const retrieval::Passage* p : first) {
    size_t cost = estimate_tokens(p->text);
    if (used + cost > options.token_budget) continue;
    Building* target = nullptr;
    for (Building& b : sources) {
      if (b.document_id != p->document_id) continue;
      int64_t lo = b.rows.begin()->first;
      int64_t hi = b.rows.rbegin()->first;
      if (p->ordinal >= lo - 1 - options.neighbours && p->ordinal <= hi + 1 + options.neighbours) target = &b;
    }
    if (target == nullptr) {
      if (sources.size() >= options.max_sources) continue;
      Building b;
      b.document_id = p->document_id;
      b.folder_id = p->folder_id;
      b.title = p->title;
      b.language = p->language;
      b.score = p->score;
      sources.push_back(std::move(b));
      target = &sources.back();
    }
    if (target->rows.count(p->ordinal) == 0) {
      target->rows.emplace(p->ordinal, row_of(*p));
      used += cost;
    }
    target->score = std::max(target->score, p->score);
  }
  // Widen each source with its neighbours while the budget allows, best source first.
  if (chunks != nullptr && options.neighbours > 0) {
    for (Building& b : sources) {
      int64_t lo = b.rows.begin()->first - options.neighbours;
      int64_t hi = b.rows.rbegin()->first + options.neighbours;
      auto rows = chunks->chunks(b.document_id, std::max<int64_t>(0, lo), hi);
      if (!rows) continue;
      for (ChunkRow& r : *rows) {
        if (b.rows.count(r.ordinal) > 0) continue;
        // Only direct neighbours of a chosen passage, not the gap between two far ones.
        bool near = false;
        for (const auto& [ordinal, row] : b.rows) {
          near = near || std::abs(ordinal - r.ordinal) <= options.neighbours;
        }
        if (!near) continue;
        size_t cost = estimate_tokens(r.text);
        if (used + cost > options.token_budget) continue;
        used += cost;
        int64_t ordinal = r.ordinal;
        b.rows.emplace(ordinal, std::move(r));
      }
    }
  }
  std::vector<ContextSource> out;
  for (const Building& b : sources) {
    ContextSource s = finish(b, static_cast<int>(out.size()) + 1);
    if (!s.parts.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::optional<MappedSpan> map_span(const ContextSource& source, size_t begin, size_t end) {
  if (begin > end || end > source.text.size()) return std::nullopt;
  for (const SourcePart& part : source.parts) {
    if (begin < part.offset || begin >= part.offset + part.length) continue;
    std::string_view text(source.text);
    MappedSpan m;
    m.part = &part;
    m.start = part.char_start + static_cast<int64_t>(llm::utf8_char_count(text.substr(part.offset), begin - part.offset));
    m.end = part.char_start + static_cast<int64_t>(llm::utf8_char_count(text.substr(part.offset), end - part.offset));
    return m;
  }
  return std::nullopt;
}

}  // namespace sanad::assistant
