#pragma once
// Reading curated question/answer files (the FAQ import). Format: CSV (RFC 4180
// quoting, multi-line quoted fields) with a header naming the columns
// `question,answer[,category][,source]` in any order and any case; comma or
// semicolon separated (detected from the header); UTF-8 with or without BOM
// (other encodings as for plain text). Bad rows are reported with their line number
// and skipped; the rest is delivered. Memory is bounded by ExtractLimits::
// max_line_bytes: a longer line or record is skipped without being buffered.
// Thread-safe: no shared state.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "documents/block.h"

namespace sanad::documents {

struct FaqEntry {
  std::string question;  // NFKC, trimmed, never empty
  std::string answer;    // NFKC, trimmed, never empty
  std::string category;  // may be empty
  std::string source;    // may be empty
  std::size_t line = 0;  // line where the record starts (1-based; the header is line 1)
};

struct FaqRowError {
  std::size_t line = 0;
  std::string message;
};

struct FaqReadSummary {
  std::size_t entries = 0;            // delivered to the sink
  std::vector<FaqRowError> errors;    // at most kMaxReportedErrors kept
  std::size_t error_count = 0;        // all bad rows, reported or not
};

inline constexpr std::size_t kMaxReportedErrors = 200;

using FaqSink = std::function<Status(FaqEntry&&)>;

// Reads the file, calling `sink` for each good row. Fails (kInvalidArgument) only
// when the file as a whole is unusable (no header, no question/answer column); a
// non-OK Status from `sink` stops reading and is returned.
Result<FaqReadSummary> read_faq_csv(const std::filesystem::path& path, const ExtractLimits& limits,
                                    const FaqSink& sink);

}  // namespace sanad::documents
