#pragma once
// Streaming decoding of text files into UTF-8 lines, in bounded memory.
// Encoding: a BOM (UTF-8, UTF-16 LE/BE) wins; otherwise UTF-8 when the first 64 KB are
// valid UTF-8 (a later stray byte that is not UTF-8 is then read as Windows-1252), else
// Windows-1252 for the whole file (ICU). One pass over the file. Thread-safe: no
// shared state.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>

#include "core/status.h"

namespace sanad::documents::detail {

enum class TextEncoding { kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };

struct SniffedEncoding {
  TextEncoding encoding = TextEncoding::kUtf8;
  std::size_t bom_bytes = 0;
};

// Detects the encoding of the file at `path` from its first 64 KB.
Result<SniffedEncoding> sniff_encoding(const std::filesystem::path& path);

// What to do with a line longer than max_line_bytes (UTF-8 bytes).
enum class LongLines {
  kSplit,  // deliver it in pieces of at most max_line_bytes (cut on a character boundary);
           // every piece but the last comes with `overlong` = true ("the line goes on")
  kSkip,   // never buffer it: drop its bytes and report it with `overlong` = true
};

// Called once per line, without its terminator ("\n" or "\r\n"); `line_number` is
// 1-based. A non-OK Status stops reading and is returned.
using LineFn = std::function<Status(std::string_view line, std::size_t line_number, bool overlong)>;

// Reads, decodes and splits the file; memory is bounded by max_line_bytes plus a
// 64 KB read buffer.
Status for_each_line(const std::filesystem::path& path, std::size_t max_line_bytes, LongLines mode,
                     const LineFn& fn);

}  // namespace sanad::documents::detail
