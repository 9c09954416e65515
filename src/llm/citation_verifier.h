#pragma once
// Checks the citations in a generated answer against the sources the model was
// given. Every [n] must name a provided source; a quotation ("...", «...» or
// “...”) followed in the same sentence by a citation must occur in the cited
// source under a normalised comparison (see match_text.h). Citations that fail
// are removed from the text. Pure function; thread-safe.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sanad::llm {

struct VerifiedCitation {
  int n = 0;          // the source number, as in the text
  std::string quote;  // the quotation attributed to it; empty when none
  // Where the quotation occurs in the source text, when there is one:
  // byte offsets and code-point offsets, end exclusive.
  size_t start_byte = 0;
  size_t end_byte = 0;
  size_t start_char = 0;
  size_t end_char = 0;
};

struct RemovedCitation {
  int n = 0;
  std::string reason;  // "unknown source" or "quote not found in source"
};

struct CitationCheck {
  std::string text;                         // the answer with failing citations removed
  std::vector<VerifiedCitation> citations;  // distinct (n, quote), in order of appearance
  std::vector<RemovedCitation> removed;
};

// `sources` maps a citation number to the source's text.
CitationCheck verify_citations(std::string_view answer, const std::map<int, std::string>& sources);

}  // namespace sanad::llm
