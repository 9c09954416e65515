// The parent side of extract_process.h: fork+exec of the extraction child, then a
// poll loop over its pipe and its pidfd with the watchdog and cancellation.

#include "documents/extract_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "documents/chunk_codec.h"
#include "documents/extract/wire.h"
#include "documents/extract/worker_request.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANAD_EXTRACT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANAD_EXTRACT_ASAN 1
#endif
#endif

namespace sanad::documents {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProbeInterval = std::chrono::milliseconds(100);

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept {
    reset(o.release());
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

Status errno_status(const char* what) { return unavailable(std::string(what) + ": " + std::strerror(errno)); }

// A running child; killed (SIGKILL) and reaped on destruction unless reaped already.
class Child {
 public:
  Child(pid_t pid, Fd pidfd) : pid_(pid), pidfd_(std::move(pidfd)) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() { kill_and_reap(); }

  pid_t pid() const { return pid_; }
  int pidfd() const { return pidfd_.get(); }

  void kill_and_reap() {
    if (reaped_) return;
    ::kill(pid_, SIGKILL);
    reap();
  }
  // Blocks until the child has exited; returns its wait status.
  int reap() {
    if (!reaped_) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      reaped_ = true;
    }
    return status_;
  }

 private:
  pid_t pid_;
  Fd pidfd_;
  bool reaped_ = false;
  int status_ = 0;
};

Result<std::unique_ptr<Child>> spawn(const ExtractProcessOptions& process, const std::vector<std::string>& request,
                                     Fd& read_end) {
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls.
  std::vector<std::string> args;
  args.push_back(process.program.string());
  args.insert(args.end(), process.arguments.begin(), process.arguments.end());
  args.insert(args.end(), request.begin(), request.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The child parses untrusted files: it gets none of the server's settings (secrets
  // among them), only what locale and sanitizer runtimes read.
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view var(*e);
    for (std::string_view keep : {"PATH=", "LANG=", "LC_ALL=", "TZ=", "TMPDIR=", "ASAN_", "UBSAN_", "LSAN_"}) {
      if (var.substr(0, keep.size()) == keep) {
        envp.push_back(*e);
        break;
      }
    }
  }
  envp.push_back(nullptr);
  const rlimit no_core{0, 0};

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return errno_status("cannot create a pipe for the extractor");
  read_end.reset(fds[0]);
  Fd write_end(fds[1]);
  Fd dev_null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (dev_null.get() < 0) return errno_status("cannot open /dev/null");
  rlimit memory{};
  memory.rlim_cur = memory.rlim_max = process.memory_limit_bytes;
  bool limit_memory = process.memory_limit_bytes > 0;
#ifdef SANAD_EXTRACT_ASAN
  limit_memory = false;  // AddressSanitizer reserves terabytes of address space
#endif
  const pid_t parent = ::getpid();

  const pid_t pid = ::fork();
  if (pid < 0) return errno_status("cannot start the extractor");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    if (::dup2(dev_null.get(), STDIN_FILENO) < 0 || ::dup2(write_end.get(), STDOUT_FILENO) < 0) ::_exit(127);
    ::syscall(SYS_close_range, 3u, ~0u, 0u);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::setrlimit(RLIMIT_CORE, &no_core);  // a crash is reported, not dumped
    if (limit_memory) ::setrlimit(RLIMIT_AS, &memory);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  Fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  auto child = std::make_unique<Child>(pid, std::move(pidfd));
  if (child->pidfd() < 0) return errno_status("cannot watch the extractor");
  return child;
}

// Why a child ended without a result, from its wait status.
Status crash_status(int status) {
  if (WIFSIGNALED(status)) {
    return internal_error("the extractor crashed (signal " + std::to_string(WTERMSIG(status)) + ")");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return unavailable("the extractor could not be started");
  return internal_error("the extractor crashed (exit status " +
                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

Result<IngestSummary> decode_summary(std::string_view in) {
  std::uint64_t v[6] = {};
  for (auto& x : v) {
    if (!get_u64(in, x)) return internal_error("the extractor sent a malformed summary");
  }
  IngestSummary s;
  s.pages = static_cast<int>(v[0]);
  s.chunks = v[1];
  s.blocks = v[2];
  s.text_bytes = v[3];
  s.language.language = static_cast<text::Language>(v[4]);
  std::memcpy(&s.language.confidence, &v[5], sizeof s.language.confidence);
  return s;
}

Status decode_error(std::string_view in) {
  std::uint64_t code = 0;
  std::string message;
  if (!get_u64(in, code) || !get_string(in, message) || code == 0 ||
      code > static_cast<std::uint64_t>(ErrorCode::kInternal)) {
    return internal_error("the extractor sent a malformed error");
  }
  return Status(static_cast<ErrorCode>(code), std::move(message));
}

// Reads frames until the result; the caller kills and reaps the child.
class Session {
 public:
  Session(const ChunkSink& on_chunk, const ProgressFn& on_progress) : on_chunk_(on_chunk), on_progress_(on_progress) {}

  // Consumes the complete frames in `buffer_`. Returns a non-OK status to stop.
  Status consume() {
    std::string_view view(buffer_);
    char tag = 0;
    std::string_view payload;
    bool oversized = false;
    Status status;
    while (status && !result_ && wire::next_frame(view, tag, payload, oversized)) status = handle(tag, payload);
    if (oversized) status = internal_error("the extractor sent an oversized frame");
    buffer_.erase(0, buffer_.size() - view.size());
    return status;
  }

  std::string& buffer() { return buffer_; }
  const std::optional<Result<IngestSummary>>& result() const { return result_; }

 private:
  Status handle(char tag, std::string_view payload) {
    switch (tag) {
      case wire::kProgress: {
        std::uint64_t pages_done = 0, pages_total = 0, chunks = 0;
        if (!get_u64(payload, pages_done) || !get_u64(payload, pages_total) || !get_u64(payload, chunks)) break;
        progress_.pages_done = static_cast<int>(pages_done);
        progress_.pages_total = static_cast<int>(pages_total);
        return on_progress_ ? on_progress_(progress_) : Status::ok();
      }
      case wire::kChunk: {
        Chunk chunk;
        if (!decode_chunk(payload, chunk) || !payload.empty()) break;
        SANAD_RETURN_IF_ERROR(on_chunk_(std::move(chunk)));
        ++progress_.chunks_done;
        return on_progress_ ? on_progress_(progress_) : Status::ok();
      }
      case wire::kSummary: result_ = decode_summary(payload); return Status::ok();
      case wire::kError: result_ = decode_error(payload); return Status::ok();
      default: break;
    }
    return internal_error("the extractor sent a malformed message");
  }

  const ChunkSink& on_chunk_;
  const ProgressFn& on_progress_;
  IngestProgress progress_;
  std::string buffer_;
  std::optional<Result<IngestSummary>> result_;
};

}  // namespace

Result<IngestSummary> ingest_in_child(const ExtractProcessOptions& process, DocumentType type,
                                      const std::filesystem::path& path, const IngestOptions& options,
                                      const ChunkSink& on_chunk, const ProgressFn& on_progress,
                                      const CancelProbe& is_cancelled) {
  const auto started = Clock::now();
  const auto deadline = started + process.timeout;
  Fd pipe;
  SANAD_ASSIGN_OR_RETURN(auto child,
                         spawn(process, detail::request_arguments({type, std::filesystem::absolute(path), options}),
                               pipe));
  if (process.on_started) process.on_started(child->pid());

  Session session(on_chunk, on_progress);
  bool open = true;     // the pipe has not reached its end
  bool exited = false;  // the pidfd said the child is gone
  auto next_probe = started + kProbeInterval;
  char block[64 * 1024];
  while (true) {
    const auto now = Clock::now();
    if (now >= deadline) {
      child->kill_and_reap();
      return deadline_exceeded("extraction timed out after " + std::to_string(process.timeout.count()) + " s");
    }
    if (is_cancelled && now >= next_probe) {
      next_probe = now + kProbeInterval;
      if (is_cancelled()) return cancelled("ingestion cancelled");
    }
    // Gone and its output read to the end, without a result.
    if (!open && exited) return crash_status(child->reap());
    pollfd fds[2];
    nfds_t count = 0;
    int pipe_index = -1;
    int pid_index = -1;
    if (open) {
      pipe_index = static_cast<int>(count);
      fds[count++] = {pipe.get(), POLLIN, 0};
    }
    if (!exited) {
      pid_index = static_cast<int>(count);
      fds[count++] = {child->pidfd(), POLLIN, 0};
    }
    const auto wait = std::min<Clock::duration>(deadline - now, kProbeInterval);
    const int timeout_ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(wait).count());
    if (::poll(fds, count, timeout_ms) < 0 && errno != EINTR) return errno_status("poll");
    if (pipe_index >= 0 && fds[pipe_index].revents != 0) {
      const ssize_t n = ::read(pipe.get(), block, sizeof block);
      if (n < 0 && errno != EINTR && errno != EAGAIN) return errno_status("cannot read from the extractor");
      if (n == 0) open = false;
      if (n > 0) {
        session.buffer().append(block, static_cast<std::size_t>(n));
        SANAD_RETURN_IF_ERROR(session.consume());
        if (session.result()) {
          child->kill_and_reap();  // it has said all it had to say
          return *session.result();
        }
      }
    }
    if (pid_index >= 0 && (fds[pid_index].revents & POLLIN) != 0) exited = true;
  }
}

Extractor child_process_extractor(ExtractProcessOptions process) {
  return [process = std::move(process)](DocumentType type, const std::filesystem::path& path,
                                        const IngestOptions& options, const ChunkSink& on_chunk,
                                        const ProgressFn& on_progress, const CancelProbe& is_cancelled) {
    return ingest_in_child(process, type, path, options, on_chunk, on_progress, is_cancelled);
  };
}

}  // namespace sanad::documents
