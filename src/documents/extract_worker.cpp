// The child side of extract_process.h: runs ingest_document for one file and writes
// progress, chunks and the result to the parent as frames (extract/wire.h).

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

#include "documents/chunk_codec.h"
#include "documents/extract/wire.h"
#include "documents/extract/worker_request.h"
#include "documents/extract_process.h"

namespace sanad::documents {

namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

// Frames buffered and written to the parent's pipe.
class FrameWriter {
 public:
  explicit FrameWriter(int fd) : fd_(fd) {}

  void progress(const IngestProgress& p) {
    const std::size_t start = wire::begin_frame(buffer_, wire::kProgress);
    put_u64(buffer_, static_cast<std::uint64_t>(p.pages_done));
    put_u64(buffer_, static_cast<std::uint64_t>(p.pages_total));
    put_u64(buffer_, p.chunks_done);
    wire::end_frame(buffer_, start);
  }
  void chunk(const Chunk& c) {
    const std::size_t start = wire::begin_frame(buffer_, wire::kChunk);
    encode_chunk(c, buffer_);
    wire::end_frame(buffer_, start);
  }
  void summary(const IngestSummary& s) {
    const std::size_t start = wire::begin_frame(buffer_, wire::kSummary);
    std::uint64_t confidence_bits = 0;
    static_assert(sizeof confidence_bits == sizeof s.language.confidence);
    std::memcpy(&confidence_bits, &s.language.confidence, sizeof confidence_bits);
    for (std::uint64_t v : {static_cast<std::uint64_t>(s.pages), static_cast<std::uint64_t>(s.chunks),
                            static_cast<std::uint64_t>(s.blocks), static_cast<std::uint64_t>(s.text_bytes),
                            static_cast<std::uint64_t>(s.language.language), confidence_bits}) {
      put_u64(buffer_, v);
    }
    wire::end_frame(buffer_, start);
  }
  void error(const Status& status) {
    const std::size_t start = wire::begin_frame(buffer_, wire::kError);
    put_u64(buffer_, static_cast<std::uint64_t>(status.code()));
    put_string(buffer_, status.message());
    wire::end_frame(buffer_, start);
  }

  // Writes what is buffered when over `threshold` bytes; false when the parent is gone.
  bool flush(std::size_t threshold = 0) {
    if (buffer_.size() <= threshold) return true;
    std::size_t done = 0;
    while (done < buffer_.size()) {
      ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    buffer_.clear();
    return true;
  }

 private:
  int fd_;
  std::string buffer_;
};

std::string memory_limit_text() {
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return "";
  return " (limit " + std::to_string(limit.rlim_cur >> 20) + " MB)";
}

}  // namespace

int run_extract_worker(const std::vector<std::string>& args, int out_fd) {
  FrameWriter out(out_fd);
  auto request = detail::parse_request(args);
  if (!request) {
    out.error(request.status());
    return out.flush() ? 0 : 1;
  }
  const Status parent_gone = unavailable("the parent process is gone");
  Result<IngestSummary> summary = internal_error("not run");
  try {
    summary = ingest_document(
        request->type, request->file, request->options,
        [&](Chunk&& chunk) -> Status {
          out.chunk(chunk);
          return out.flush(kFlushBytes) ? Status::ok() : parent_gone;
        },
        [&, last_page = -1](const IngestProgress& p) mutable -> Status {
          if (p.pages_done == last_page) return Status::ok();  // chunks are counted by the parent
          last_page = p.pages_done;
          out.progress(p);
          return out.flush() ? Status::ok() : parent_gone;
        });
  } catch (const std::bad_alloc&) {
    summary = too_large("the document needs more memory than extraction may use" + memory_limit_text());
  }
  if (summary) {
    out.summary(*summary);
  } else {
    if (summary.status().message() == parent_gone.message()) return 1;
    out.error(summary.status());
  }
  return out.flush() ? 0 : 1;
}

}  // namespace sanad::documents
