#pragma once
// JSON forms of citations and timings: how messages store them (TEXT columns)
// and how the API writes them (API.md "Search and answers"). Pure; thread-safe.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "assistant/answer.h"
#include "core/status.h"

namespace sanad::assistant {

// {n, document_id, chunk_id, title, page, section, quote, start, end} (+ "kind":
// "faq" for a curated entry).
nlohmann::json citation_to_json(const Citation& citation);
nlohmann::json citations_to_json(const std::vector<Citation>& citations);
// The inverses of citation_to_json / citations_to_json; kInternal for malformed
// JSON or a field of the wrong type (never throws).
Result<Citation> citation_from_json(const nlohmann::json& item);
Result<std::vector<Citation>> citations_from_json_array(const nlohmann::json& array);
Result<std::vector<Citation>> citations_from_json(std::string_view text);

// {"<stage>_ms": ms, ...} in stage order, rounded to 0.001 ms.
nlohmann::json timings_to_json(const Timings& timings);
Result<Timings> timings_from_json(std::string_view text);

}  // namespace sanad::assistant
