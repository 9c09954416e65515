#pragma once
// A scripted HTTP/1.1 server for provider tests: listens on a free loopback
// port, parses each request and hands it to a handler that writes the raw
// reply bytes (so tests control the exact wire format, stalls and cuts).
// One thread per connection; everything is joined by the destructor.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sanad::llm::testing {

struct RecordedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class FakeHttpServer;

// One accepted connection, given to the handler.
class Connection {
 public:
  Connection(int fd, FakeHttpServer& server) : fd_(fd), server_(server) {}
  // Writes bytes; false once the peer is gone or the server is stopping.
  bool send(std::string_view bytes);
  // Status line + headers for a reply whose end is marked by closing the connection.
  bool send_head(int status, std::string_view content_type,
                 const std::vector<std::string>& extra_headers = {});
  // Status line + headers for a chunked reply; then chunk() and end_chunks().
  bool send_chunked_head(int status, std::string_view content_type);
  bool chunk(std::string_view data);
  bool end_chunks();
  // A complete reply with Content-Length.
  bool send_response(int status, std::string_view content_type, std::string_view body,
                     const std::vector<std::string>& extra_headers = {});
  // Blocks until the server is being destroyed (a stalled provider).
  void stall();

 private:
  int fd_;
  FakeHttpServer& server_;
};

class FakeHttpServer {
 public:
  // Called once per request with its 0-based index among all requests.
  using Handler = std::function<void(const RecordedRequest&, int index, Connection&)>;

  // Listens on `bind_ip` (any 127.x.y.z address works on Linux).
  explicit FakeHttpServer(Handler handler, std::string bind_ip = "127.0.0.1");
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  uint16_t port() const { return port_; }
  std::string base_url() const { return "http://" + bind_ip_ + ":" + std::to_string(port_); }
  std::vector<RecordedRequest> requests() const;
  int request_count() const;

  bool stopping() const { return stopping_.load(); }
  void wait_until_stopping();

 private:
  void accept_loop();
  void serve(int fd);

  Handler handler_;
  std::string bind_ip_;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::condition_variable stop_cv_;
  std::vector<RecordedRequest> requests_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

// A port on 127.0.0.1 where nothing listens (bound, then released).
uint16_t unused_port();

// "event: <name>\ndata: <json>\n\n"
std::string sse(std::string_view event, std::string_view data);
// "data: <json>\n\n"
std::string sse_data(std::string_view data);

}  // namespace sanad::llm::testing
