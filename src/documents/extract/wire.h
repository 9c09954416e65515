#pragma once
// Internal: the frames the extraction child writes to its parent (extract_process.h).
// A frame is a tag byte, the payload's length (8 bytes) and the payload:
//   'P' progress: pages_done, pages_total, chunks_done (u64 each)
//   'C' one chunk (chunk_codec.h)
//   'S' the summary: pages, chunks, blocks, text_bytes, language, confidence bits
//   'E' an error: code (u64) and message (string)
// The child writes exactly one 'S' or 'E' frame, last.

#include <cstdint>
#include <string>
#include <string_view>

namespace sanad::documents::wire {

inline constexpr char kProgress = 'P';
inline constexpr char kChunk = 'C';
inline constexpr char kSummary = 'S';
inline constexpr char kError = 'E';
inline constexpr std::size_t kHeaderBytes = 9;
inline constexpr std::uint64_t kMaxPayload = 64ull << 20;

// Starts a frame with `tag` in `out`; returns the offset to pass to end_frame().
std::size_t begin_frame(std::string& out, char tag);
// Writes the payload length of the frame started at `start`.
void end_frame(std::string& out, std::size_t start);

// Splits the front of `buffer` into one frame: false when it does not yet hold a
// whole frame (or the length is over kMaxPayload: then `oversized` is set).
bool next_frame(std::string_view& buffer, char& tag, std::string_view& payload, bool& oversized);

}  // namespace sanad::documents::wire
