#pragma once
// A compact binary form of a Chunk, shared by the chunk spool file and the pipe
// between the extraction child process and its parent. Not a storage format: both
// ends are the same build. Stateless and thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "documents/chunker.h"

namespace sanad::documents {

// Appends `value` as 8 little-endian bytes.
void put_u64(std::string& out, std::uint64_t value);
// Reads 8 bytes from the front of `in` (advancing it); false when too short.
bool get_u64(std::string_view& in, std::uint64_t& value);
// A length-prefixed string.
void put_string(std::string& out, std::string_view value);
bool get_string(std::string_view& in, std::string& value);

// Appends `chunk` to `out`.
void encode_chunk(const Chunk& chunk, std::string& out);
// Decodes one chunk from the front of `in` (advancing it); false when `in` does not
// hold a whole, well-formed chunk.
bool decode_chunk(std::string_view& in, Chunk& chunk);

}  // namespace sanad::documents
