#pragma once
// The JSON shape of a search result, shared by GET /api/search and
// `sanad search --json`:
//   {results: [{chunk_id, document_id, title, page, section, text, score,
//               highlights: [[start, end], ...]}],
//    mode, note?, index_version,
//    timings: {embed_ms, analyze_ms, lexical_ms, vector_ms, fusion_ms, hydrate_ms, total_ms}}
// Highlight offsets are UTF-16 code units of `text` (how JavaScript indexes strings).

#include <cstddef>
#include <string>
#include <string_view>

#include "retrieval/retriever.h"

namespace sanad::retrieval {

std::string search_result_json(const RetrievalResult& result);

// UTF-16 code units in the UTF-8 bytes text[0, byte).
size_t utf16_offset(std::string_view text, size_t byte);

}  // namespace sanad::retrieval
