#include "library/chunk_spool.h"

#include <cstdint>
#include <string>

#include "documents/chunk_codec.h"

namespace sanad::library::detail {

namespace {
constexpr std::uint64_t kMaxRecord = 1ull << 31;
}  // namespace

Result<std::unique_ptr<ChunkSpool>> ChunkSpool::create() {
  std::FILE* f = std::tmpfile();
  if (f == nullptr) return unavailable("cannot create a temporary file for chunks");
  return std::unique_ptr<ChunkSpool>(new ChunkSpool(f));
}

// Each record: its length (8 bytes), then the chunk in documents/chunk_codec.h form.
Status ChunkSpool::append(const documents::Chunk& c) {
  record_.clear();
  documents::put_u64(record_, 0);
  documents::encode_chunk(c, record_);
  std::string length;
  documents::put_u64(length, record_.size() - 8);
  record_.replace(0, 8, length);
  if (std::fwrite(record_.data(), 1, record_.size(), file_.get()) != record_.size()) {
    return unavailable("cannot write the chunk spool (disk full?)");
  }
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
    char header[8];
    std::uint64_t size = 0;
    std::string_view view(header, sizeof header);
    if (std::fread(header, 1, sizeof header, f) != sizeof header || !documents::get_u64(view, size) ||
        size > kMaxRecord) {
      return internal_error("the chunk spool is corrupt");
    }
    record_.resize(size);
    if (std::fread(record_.data(), 1, size, f) != size) return internal_error("the chunk spool is corrupt");
    documents::Chunk c;
    std::string_view in(record_);
    if (!documents::decode_chunk(in, c) || !in.empty()) return internal_error("the chunk spool is corrupt");
    out.push_back(std::move(c));
    ++read_;
  }
  return {};
}

}  // namespace sanad::library::detail
