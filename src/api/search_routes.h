#pragma once
// GET /api/search?q=&k=10&mode=hybrid&folder_id=
//   -> {results: [{chunk_id, document_id, title, page, section, text, score,
//                  highlights: [[start, end], ...]}],
//       mode, note?, index_version, timings: {embed_ms, analyze_ms, lexical_ms,
//       vector_ms, fusion_ms, hydrate_ms, total_ms}}
// Only what the caller may read (api::read_scope). Highlight offsets are in UTF-16
// code units of `text`, as JavaScript strings index them. The retriever must
// outlive the router.

#include "http/router.h"
#include "retrieval/retriever.h"

namespace sanad::api {

void add_search_routes(http::Router& router, const retrieval::Retriever& retriever);

}  // namespace sanad::api
