#include "documents/chunk_codec.h"

namespace sanad::documents {

namespace {
constexpr std::uint64_t kMaxTrail = 1000;
}  // namespace

void put_u64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

bool get_u64(std::string_view& in, std::uint64_t& value) {
  if (in.size() < 8) return false;
  value = 0;
  for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

void put_string(std::string& out, std::string_view value) {
  put_u64(out, value.size());
  out.append(value);
}

bool get_string(std::string_view& in, std::string& value) {
  std::uint64_t n = 0;
  if (!get_u64(in, n) || n > in.size()) return false;
  value.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

void encode_chunk(const Chunk& c, std::string& out) {
  put_u64(out, c.index);
  put_u64(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(c.page)));
  put_u64(out, c.start);
  put_u64(out, c.end);
  put_u64(out, c.tokens);
  put_u64(out, static_cast<std::uint64_t>(c.language));
  put_u64(out, c.heading_trail.size());
  for (const auto& h : c.heading_trail) put_string(out, h);
  put_string(out, c.text);
}

bool decode_chunk(std::string_view& in, Chunk& c) {
  std::uint64_t index = 0, page = 0, start = 0, end = 0, tokens = 0, language = 0, trail = 0;
  if (!(get_u64(in, index) && get_u64(in, page) && get_u64(in, start) && get_u64(in, end) && get_u64(in, tokens) &&
        get_u64(in, language) && get_u64(in, trail) && trail < kMaxTrail)) {
    return false;
  }
  c.heading_trail.clear();
  for (std::uint64_t i = 0; i < trail; ++i) {
    std::string h;
    if (!get_string(in, h)) return false;
    c.heading_trail.push_back(std::move(h));
  }
  if (!get_string(in, c.text)) return false;
  c.index = index;
  c.page = static_cast<int>(static_cast<std::int64_t>(page));
  c.start = start;
  c.end = end;
  c.tokens = tokens;
  c.language = static_cast<text::Language>(language);
  return true;
}

}  // namespace sanad::documents
