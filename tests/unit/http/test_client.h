#pragma once
// A deliberately small blocking HTTP/1.1 client over a loopback socket, for server
// tests: it lets a test send exactly the bytes it wants (slow, oversized, malformed)
// and wait on the socket with poll() timeouts instead of sleeping.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sanad::http::testing {

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::vector<std::string> chunks;  // for chunked bodies, each chunk as received
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class TestConnection {
 public:
  TestConnection() = default;
  ~TestConnection() { close(); }
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  // Connects to 127.0.0.1:port; returns 0 or the errno (ECONNREFUSED, ...).
  int connect(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      int err = errno;
      close();
      return err;
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return 0;
  }

  bool send(const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // True when the server closes the connection (EOF or reset) within `timeout`;
  // data received before that is discarded.
  bool wait_closed(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    while (true) {
      if (!buffer_.empty()) buffer_.clear();
      int r = poll_for(deadline);
      if (r <= 0) return false;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
    }
  }

  // Reads one whole response (Content-Length, chunked or until close).
  std::optional<ClientResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10),
                                              bool head = false) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    auto res = read_head(deadline);
    if (!res) return std::nullopt;
    if (head || res->status == 204 || res->status == 304) return res;
    if (res->header("transfer-encoding") == "chunked") {
      while (true) {
        auto chunk = read_chunk_until(deadline);
        if (!chunk) return std::nullopt;
        if (chunk->empty()) break;
        res->body += *chunk;
        res->chunks.push_back(*chunk);
      }
      return res;
    }
    std::string cl = res->header("content-length");
    if (!cl.empty()) {
      size_t n = std::stoul(cl);
      if (!fill(n, deadline)) return std::nullopt;
      res->body = buffer_.substr(0, n);
      buffer_.erase(0, n);
      return res;
    }
    while (fill(buffer_.size() + 1, deadline)) {
    }
    res->body = std::move(buffer_);
    buffer_.clear();
    return res;
  }

  // Reads the status line and headers only.
  std::optional<ClientResponse> read_head(std::chrono::steady_clock::time_point deadline) {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(buffer_.size() + 1, deadline)) return std::nullopt;
    }
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    ClientResponse res;
    size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    res.status = std::stoi(status_line.substr(9, 3));
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t e = head.find("\r\n", pos);
      if (e == std::string::npos) e = head.size();
      std::string line = head.substr(pos, e - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t v = line.find_first_not_of(' ', colon + 1);
        res.headers[name] = v == std::string::npos ? "" : line.substr(v);
      }
      pos = e + 2;
    }
    return res;
  }

  // Reads one chunk of a chunked body ("" for the last chunk); nullopt on timeout/EOF.
  std::optional<std::string> read_chunk(std::chrono::milliseconds timeout) {
    return read_chunk_until(std::chrono::steady_clock::now() + timeout);
  }

 private:
  std::optional<std::string> read_chunk_until(std::chrono::steady_clock::time_point deadline) {
    size_t end;
    while ((end = buffer_.find("\r\n")) == std::string::npos) {
      if (!fill(buffer_.size() + 1, deadline)) return std::nullopt;
    }
    size_t size = std::stoul(buffer_.substr(0, end), nullptr, 16);
    if (!fill(end + 2 + size + 2, deadline)) return std::nullopt;
    std::string chunk = buffer_.substr(end + 2, size);
    buffer_.erase(0, end + 2 + size + 2);
    return chunk;
  }

  int poll_for(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) return 0;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(left.count()));
  }

  // Reads until buffer_ holds at least `n` bytes; false on timeout or EOF.
  bool fill(size_t n, std::chrono::steady_clock::time_point deadline) {
    char buf[16384];
    while (buffer_.size() < n) {
      if (poll_for(deadline) <= 0) return false;
      ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
      if (got <= 0) return false;
      buffer_.append(buf, static_cast<size_t>(got));
    }
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace sanad::http::testing
