#include "fake_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace sanad::llm::testing {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 529: return "Overloaded";
    default: return "Status";
  }
}

// Reads one request (headers + Content-Length body); false on EOF or error.
bool read_request(int fd, RecordedRequest& out) {
  std::string buf;
  char tmp[4096];
  size_t header_end = std::string::npos;
  while ((header_end = buf.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf.append(tmp, static_cast<size_t>(n));
  }
  std::string head = buf.substr(0, header_end);
  std::string body = buf.substr(header_end + 4);
  size_t line_end = head.find("\r\n");
  std::string request_line = head.substr(0, line_end);
  size_t sp1 = request_line.find(' ');
  size_t sp2 = request_line.find(' ', sp1 + 1);
  out.method = request_line.substr(0, sp1);
  out.path = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  size_t pos = line_end + 2;
  while (line_end != std::string::npos && pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    std::string line = head.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      out.headers[lower(line.substr(0, colon))] = value;
    }
    if (end == std::string::npos) break;
    pos = end + 2;
  }
  size_t length = 0;
  if (auto it = out.headers.find("content-length"); it != out.headers.end()) {
    length = std::stoul(it->second);
  }
  while (body.size() < length) {
    ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    body.append(tmp, static_cast<size_t>(n));
  }
  out.body = body;
  return true;
}

}  // namespace

bool Connection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    if (server_.stopping()) return false;
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool Connection::send_head(int status, std::string_view content_type,
                           const std::vector<std::string>& extra_headers) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
  head += "content-type: " + std::string(content_type) + "\r\n";
  head += "cache-control: no-cache\r\nconnection: close\r\n";
  for (const std::string& h : extra_headers) head += h + "\r\n";
  head += "\r\n";
  return send(head);
}

bool Connection::send_chunked_head(int status, std::string_view content_type) {
  return send_head(status, content_type, {"transfer-encoding: chunked"});
}

bool Connection::chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return send(size) && send(data) && send("\r\n");
}

bool Connection::end_chunks() {
  return send("0\r\n\r\n");
}

bool Connection::send_response(int status, std::string_view content_type, std::string_view body,
                               const std::vector<std::string>& extra_headers) {
  std::vector<std::string> headers = extra_headers;
  headers.push_back("content-length: " + std::to_string(body.size()));
  return send_head(status, content_type, headers) && send(body);
}

void Connection::stall() {
  server_.wait_until_stopping();
}

FakeHttpServer::FakeHttpServer(Handler handler, std::string bind_ip)
    : handler_(std::move(handler)), bind_ip_(std::move(bind_ip)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0 || ::pipe(wake_pipe_) != 0) throw std::runtime_error("socket/pipe failed");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  if (::inet_pton(AF_INET, bind_ip_.c_str(), &addr.sin_addr) != 1) {
    throw std::runtime_error("bad bind address");
  }
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 64) != 0) {
    throw std::runtime_error("bind/listen failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FakeHttpServer::~FakeHttpServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  char b = 1;
  (void)!::write(wake_pipe_[1], &b, 1);
  acceptor_.join();
  for (std::thread& t : workers_) t.join();
  ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

void FakeHttpServer::wait_until_stopping() {
  std::unique_lock lock(mutex_);
  stop_cv_.wait(lock, [this] { return stopping_.load(); });
}

std::vector<RecordedRequest> FakeHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

int FakeHttpServer::request_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(requests_.size());
}

void FakeHttpServer::accept_loop() {
  while (!stopping_) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents != 0) break;
    if ((fds[0].revents & POLLIN) == 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void FakeHttpServer::serve(int fd) {
  RecordedRequest request;
  if (read_request(fd, request)) {
    int index;
    {
      std::lock_guard lock(mutex_);
      index = static_cast<int>(requests_.size());
      requests_.push_back(request);
    }
    Connection conn(fd, *this);
    handler_(request, index, conn);
  }
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

uint16_t unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string sse(std::string_view event, std::string_view data) {
  return "event: " + std::string(event) + "\ndata: " + std::string(data) + "\n\n";
}

std::string sse_data(std::string_view data) {
  return "data: " + std::string(data) + "\n\n";
}

}  // namespace sanad::llm::testing
