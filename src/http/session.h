#pragma once
// Internal: one HTTP/1.1 connection. Reads requests (header limit, per-route body
// limit, whole-request read timeout, keep-alive idle timeout), runs the pipeline
// inline or on the handler pool, and writes whole or chunked streaming responses.
// All of a session's work runs on its io_context's single thread; it lives as long as an operation or
// a pool task holds a shared_ptr to it.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "http/stream.h"

namespace sanad::http {

struct ServerState;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Begins serving (on the session's io_context).
  void start();
  // Server shutdown: close now if idle or streaming, else after the current response.
  void request_shutdown();
  // Shutdown deadline passed: close the socket whatever the session is doing.
  void force_close();

 private:
  enum class Phase { kIdle, kReading, kHandling, kWriting, kStreaming, kClosed };
  using Clock = std::chrono::steady_clock;

  void wait_for_request();
  void read_header();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_body(boost::beast::error_code ec);
  void handle();
  Response run_pipeline();
  void send(Response res);
  void on_write(boost::beast::error_code ec, bool close);
  void send_transport_error(int status, const char* code, const char* message);
  void start_stream(Response res);
  void on_stream_header(boost::beast::error_code ec, StreamProducer producer);
  void pump();
  void finish_stream();
  void close();
  bool keep_alive() const;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerState> state_;
  std::string peer_ip_;
  Phase phase_ = Phase::kIdle;
  bool first_request_ = true;
  bool closing_ = false;           // shutdown requested: no keep-alive
  bool client_keep_alive_ = true;  // the request allowed keep-alive
  bool body_unread_ = false;       // an error response before reading the body

  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::file_body>> file_parser_;
  Request req_;
  unsigned request_version_ = 11;
  std::string out_head_;  // the serialised status line and headers (buffer reused)
  std::string out_body_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_res_;

  // Streaming state.
  std::shared_ptr<StreamChannel> channel_;
  boost::beast::http::response<boost::beast::http::empty_body> stream_header_;
  std::optional<boost::beast::http::response_serializer<boost::beast::http::empty_body>> stream_sr_;
  std::string chunk_;
  bool chunk_writing_ = false;
};

}  // namespace sanad::http
