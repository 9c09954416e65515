#include "documents/extract/wire.h"

#include "documents/chunk_codec.h"

namespace sanad::documents::wire {

std::size_t begin_frame(std::string& out, char tag) {
  const std::size_t start = out.size();
  out.push_back(tag);
  put_u64(out, 0);
  return start;
}

void end_frame(std::string& out, std::size_t start) {
  std::string length;
  put_u64(length, out.size() - start - kHeaderBytes);
  out.replace(start + 1, 8, length);
}

bool next_frame(std::string_view& buffer, char& tag, std::string_view& payload, bool& oversized) {
  oversized = false;
  if (buffer.size() < kHeaderBytes) return false;
  std::string_view header = buffer.substr(1, 8);
  std::uint64_t length = 0;
  (void)get_u64(header, length);
  if (length > kMaxPayload) {
    oversized = true;
    return false;
  }
  if (buffer.size() - kHeaderBytes < length) return false;
  tag = buffer[0];
  payload = buffer.substr(kHeaderBytes, length);
  buffer.remove_prefix(kHeaderBytes + length);
  return true;
}

}  // namespace sanad::documents::wire
