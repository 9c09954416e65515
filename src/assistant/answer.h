#pragma once
// The plain types an answer is made of: its citations and its per-stage timings.
// Shared by the pipeline, the conversation store and the adapters. Value types.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sanad::assistant {

// One source cited in an answer as [n].
struct Citation {
  int n = 0;                // the number used in the answer text
  std::string kind = "chunk";  // "chunk" (a document passage) or "faq" (a curated entry)
  std::string document_id;  // empty for a FAQ entry
  std::string chunk_id;     // the chunk, or the FAQ entry id for kind "faq"
  std::string title;        // document title, or the FAQ question
  int64_t page = 0;         // 1-based page, 0 when the format has none
  std::string section;      // heading trail; may be empty
  std::string quote;        // the exact text quoted (a substring of the source)
  int64_t start = 0;        // code-point offsets of `quote` in the document's extracted
  int64_t end = 0;          // text (for a FAQ entry: in its answer)
};

// Milliseconds per stage, in pipeline order ("analyse", "retrieve", ...,
// "total"). A stage that did not run is absent.
using Timings = std::vector<std::pair<std::string, double>>;

}  // namespace sanad::assistant
