#include "library/chunk_spool.h"

#include <cstdint>
#include <string>

namespace sanad::library::detail {

namespace {

bool put_u64(std::FILE* f, std::uint64_t v) { return std::fwrite(&v, sizeof v, 1, f) == 1; }
bool put_str(std::FILE* f, const std::string& s) {
  return put_u64(f, s.size()) && (s.empty() || std::fwrite(s.data(), 1, s.size(), f) == s.size());
}
bool get_u64(std::FILE* f, std::uint64_t& v) { return std::fread(&v, sizeof v, 1, f) == 1; }
bool get_str(std::FILE* f, std::string& s) {
  std::uint64_t n = 0;
  if (!get_u64(f, n) || n > (1ull << 31)) return false;
  s.resize(n);
  return n == 0 || std::fread(s.data(), 1, n, f) == n;
}

}  // namespace

Result<std::unique_ptr<ChunkSpool>> ChunkSpool::create() {
  std::FILE* f = std::tmpfile();
  if (f == nullptr) return unavailable("cannot create a temporary file for chunks");
  return std::unique_ptr<ChunkSpool>(new ChunkSpool(f));
}

Status ChunkSpool::append(const documents::Chunk& c) {
  std::FILE* f = file_.get();
  bool ok = put_u64(f, c.index) && put_u64(f, static_cast<std::uint64_t>(static_cast<std::int64_t>(c.page))) &&
            put_u64(f, c.start) && put_u64(f, c.end) && put_u64(f, c.tokens) &&
            put_u64(f, static_cast<std::uint64_t>(c.language)) && put_u64(f, c.heading_trail.size());
  for (const auto& h : c.heading_trail) ok = ok && put_str(f, h);
  ok = ok && put_str(f, c.text);
  if (!ok) return unavailable("cannot write the chunk spool (disk full?)");
  ++count_;
  return {};
}

Status ChunkSpool::rewind() {
  if (std::fflush(file_.get()) != 0 || std::fseek(file_.get(), 0, SEEK_SET) != 0) {
    return unavailable("cannot rewind the chunk spool");
  }
  read_ = 0;
  return {};
}

Status ChunkSpool::read_batch(std::size_t max, std::vector<documents::Chunk>& out) {
  out.clear();
  std::FILE* f = file_.get();
  while (out.size() < max && read_ < count_) {
    documents::Chunk c;
    std::uint64_t index = 0, page = 0, start = 0, end = 0, tokens = 0, language = 0, trail = 0;
    bool ok = get_u64(f, index) && get_u64(f, page) && get_u64(f, start) && get_u64(f, end) && get_u64(f, tokens) &&
              get_u64(f, language) && get_u64(f, trail) && trail < 1000;
    for (std::uint64_t i = 0; ok && i < trail; ++i) {
      std::string h;
      ok = get_str(f, h);
      c.heading_trail.push_back(std::move(h));
    }
    ok = ok && get_str(f, c.text);
    if (!ok) return internal_error("the chunk spool is corrupt");
    c.index = index;
    c.page = static_cast<int>(static_cast<std::int64_t>(page));
    c.start = start;
    c.end = end;
    c.tokens = tokens;
    c.language = static_cast<text::Language>(language);
    out.push_back(std::move(c));
    ++read_;
  }
  return {};
}

}  // namespace sanad::library::detail
