#include "http/session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <array>
#include <cstdlib>
#include <exception>
#include <limits>
#include <unistd.h>

#include "core/strings.h"
#include "http/server_state.h"

namespace sanad::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

std::string peer_address(const net::ip::tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return {};
  auto addr = endpoint.address();
  if (addr.is_v6() && addr.to_v6().is_v4_mapped()) {
    return net::ip::make_address_v4(net::ip::v4_mapped, addr.to_v6()).to_string();
  }
  return addr.to_string();
}

// Header values come from handlers and may carry user data: a CR or LF would let it
// inject headers, so they are replaced.
// Framing headers are the session's business, never a handler's.
bool framing_header(std::string_view name) {
  return core::iequals(name, "Content-Length") || core::iequals(name, "Transfer-Encoding") ||
         core::iequals(name, "Connection");
}

bool valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

void append_headers(std::string& out, const std::vector<std::pair<std::string, std::string>>& headers) {
  for (const auto& [name, value] : headers) {
    if (!valid_header_name(name) || framing_header(name)) continue;
    out += name;
    out += ": ";
    for (char c : value) out += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
    out += "\r\n";
  }
}

template <typename Message>
void copy_headers(std::vector<std::pair<std::string, std::string>>& headers, Message& out) {
  for (auto& [name, value] : headers) {
    if (!valid_header_name(name) || framing_header(name)) continue;
    for (char& c : value) {
      if (c == '\r' || c == '\n' || c == '\0') c = ' ';
    }
    out.insert(name, value);
  }
}

}  // namespace

Session::Session(net::ip::tcp::socket socket, std::shared_ptr<ServerState> state)
    : stream_(std::move(socket)), state_(std::move(state)) {
  peer_ip_ = peer_address(stream_.socket());
}

Session::~Session() {
  if (channel_) channel_->cancel();
  std::lock_guard lock(state_->sessions_mutex);
  state_->sessions.erase(this);
  state_->sessions_cv.notify_all();
}

void Session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
}

void Session::request_shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->closing_ = true;
    if (self->phase_ == Phase::kStreaming) {
      self->close();
    } else if (self->phase_ == Phase::kIdle) {
      // Bytes already received are a request the client has sent: serve it (the
      // connection closes after the response). Only a truly idle connection closes now.
      beast::error_code ec;
      if (self->buffer_.size() == 0 && (self->stream_.socket().available(ec) == 0 || ec)) self->close();
    }
  });
}

void Session::force_close() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->closing_ = true;
    self->close();
  });
}

void Session::close() {
  if (phase_ == Phase::kClosed) return;
  phase_ = Phase::kClosed;
  if (channel_) {
    channel_->cancel();
    channel_.reset();
  }
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

bool Session::keep_alive() const {
  return client_keep_alive_ && !closing_ && !body_unread_ && !state_->stopping.load(std::memory_order_relaxed);
}

// Waits for the first byte of the next request. A new connection gets read_timeout
// for the whole request including this wait; a kept-alive one gets idle_timeout for
// the wait, then read_timeout from the first byte.
void Session::wait_for_request() {
  if (closing_ || state_->stopping.load(std::memory_order_relaxed)) {
    close();
    return;
  }
  phase_ = Phase::kIdle;
  if (first_request_) {
    stream_.expires_after(state_->config.read_timeout);
  } else {
    stream_.expires_after(state_->config.idle_timeout);
  }
  if (buffer_.size() > 0) {
    read_header();
    return;
  }
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, size_t n) {
                            if (ec || self->phase_ == Phase::kClosed) {
                              self->close();
                              return;
                            }
                            self->buffer_.commit(n);
                            self->read_header();
                          });
}

void Session::read_header() {
  if (!first_request_) stream_.expires_after(state_->config.read_timeout);
  first_request_ = false;
  phase_ = Phase::kReading;
  req_ = Request{};
  body_unread_ = false;
  file_parser_.reset();
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(
      std::min<size_t>(state_->config.max_header_bytes, std::numeric_limits<uint32_t>::max())));
  // Checked per route once the header is known. (Not boost::none: Boost 1.74 compares
  // Content-Length against an empty optional and fails.)
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) {
    body_unread_ = true;
    send_transport_error(413, "too_large", "request body too large");
    return;
  }
  if (ec == bhttp::error::header_limit) {
    body_unread_ = true;
    send_transport_error(431, "too_large", "request header fields too large");
    return;
  }
  if (ec) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || phase_ == Phase::kClosed) {
      close();
    } else {
      body_unread_ = true;
      send_transport_error(400, "invalid_argument", "malformed request");
    }
    return;
  }
  const auto& msg = parser_->get();
  auto method = msg.method_string();
  auto target = msg.target();
  prepare_request(req_, std::string_view(method.data(), method.size()), std::string_view(target.data(), target.size()));
  state_->router.match(req_);
  client_keep_alive_ = msg.keep_alive();
  request_version_ = msg.version();

  const Route* route = req_.route;
  size_t limit = route != nullptr && route->options.max_body_bytes ? *route->options.max_body_bytes
                                                                    : state_->config.max_body_bytes;
  if (auto length = parser_->content_length(); length && *length > limit) {
    body_unread_ = true;
    send_transport_error(413, "too_large", "request body too large");
    return;
  }
  parser_->body_limit(limit);
  read_body();
}

void Session::read_body() {
  const Route* route = req_.route;
  bool to_file = route != nullptr && !route->options.body_to_file.empty() && !parser_->is_done();
  if (to_file) {
    std::string templ = route->options.body_to_file + "/upload-XXXXXX";
    int fd = ::mkstemp(templ.data());
    if (fd < 0) {
      body_unread_ = true;
      state_->logger.error("cannot create upload spool file", {{"dir", route->options.body_to_file}});
      send_transport_error(500, "internal", "internal error");
      return;
    }
    ::close(fd);
    req_.body_file = templ;
    req_.body_file_guard = TempFileGuard(templ);
    file_parser_.emplace(std::move(*parser_));
    parser_.reset();
    beast::error_code ec;
    file_parser_->get().body().open(templ.c_str(), beast::file_mode::write, ec);
    if (ec) {
      body_unread_ = true;
      send_transport_error(500, "internal", "internal error");
      return;
    }
  }
  auto expect = to_file ? file_parser_->get()[bhttp::field::expect] : parser_->get()[bhttp::field::expect];
  bool done = to_file ? file_parser_->is_done() : parser_->is_done();
  auto read = [self = shared_from_this(), to_file] {
    auto on_read = [self](beast::error_code ec, size_t) { self->on_body(ec); };
    if (to_file) {
      bhttp::async_read(self->stream_, self->buffer_, *self->file_parser_, on_read);
    } else {
      bhttp::async_read(self->stream_, self->buffer_, *self->parser_, on_read);
    }
  };
  if (done) {
    on_body({});
    return;
  }
  if (core::iequals(std::string_view(expect.data(), expect.size()), "100-continue")) {
    continue_res_ = {bhttp::status::continue_, 11};
    bhttp::async_write(stream_, continue_res_, [self = shared_from_this(), read](beast::error_code ec, size_t) {
      if (ec) {
        self->close();
        return;
      }
      read();
    });
    return;
  }
  read();
}

void Session::on_body(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) {
    body_unread_ = true;
    send_transport_error(413, "too_large", "request body too large");
    return;
  }
  if (ec) {
    close();
    return;
  }
  if (file_parser_) {
    auto msg = file_parser_->release();
    msg.body().close();
    req_.headers = std::move(static_cast<bhttp::fields&>(msg));
  } else {
    auto msg = parser_->release();
    req_.body = std::move(msg.body());
    req_.headers = std::move(static_cast<bhttp::fields&>(msg));
  }
  parser_.reset();
  file_parser_.reset();
  handle();
}

void Session::handle() {
  phase_ = Phase::kHandling;
  stream_.expires_never();
  req_.peer_ip = peer_ip_;
  req_.client_ip = peer_ip_;
  req_.host = normalize_host(req_.header("Host"));
  const Route* route = req_.route;
  if (route == nullptr || route->options.dispatch == Dispatch::kInline) {
    send(run_pipeline());
    return;
  }
  auto self = shared_from_this();
  bool queued = state_->pool->submit([self] {
    Response res = self->run_pipeline();
    net::post(self->stream_.get_executor(),
              [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
  });
  if (!queued) {
    closing_ = true;
    send_transport_error(503, "unavailable", "server is shutting down");
  }
}

Response Session::run_pipeline() {
  try {
    return state_->pipeline.run(req_);
  } catch (const std::exception& e) {
    state_->logger.error("unhandled exception in request pipeline", {{"error", e.what()}});
  } catch (...) {
    state_->logger.error("unhandled exception in request pipeline");
  }
  return error_response(internal_error("unhandled exception"));
}

void Session::send(Response res) {
  if (phase_ == Phase::kClosed) return;
  req_.body_file_guard.reset();  // the handler is done with a spooled body
  if (res.stream && !req_.is_head) {
    start_stream(std::move(res));
    return;
  }
  phase_ = Phase::kWriting;
  bool bodiless = res.status == 204 || res.status == 304 || (res.status >= 100 && res.status < 200);
  bool keep = keep_alive();
  // Serialised by hand into one buffer: cheaper than Beast's serializer on the hot path.
  out_head_.clear();
  out_head_ += "HTTP/1.1 ";
  out_head_ += std::to_string(res.status);
  out_head_ += ' ';
  auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
  out_head_.append(reason.data(), reason.size());
  out_head_ += "\r\n";
  append_headers(out_head_, res.headers);
  if (!bodiless) {
    out_head_ += "Content-Length: ";
    out_head_ += std::to_string(res.body.size());
    out_head_ += "\r\n";
  }
  if (!keep) {
    out_head_ += "Connection: close\r\n";
  } else if (request_version_ == 10) {
    out_head_ += "Connection: keep-alive\r\n";
  }
  out_head_ += "\r\n";
  out_body_.clear();
  if (!bodiless && !req_.is_head) out_body_ = std::move(res.body);
  std::array<net::const_buffer, 2> buffers = {net::buffer(out_head_), net::buffer(out_body_)};
  stream_.expires_after(state_->config.read_timeout);
  net::async_write(stream_, buffers, [self = shared_from_this(), keep](beast::error_code ec, size_t) {
    self->on_write(ec, !keep);
  });
}

void Session::on_write(beast::error_code ec, bool close_after) {
  if (ec || close_after) {
    close();
    return;
  }
  wait_for_request();
}

void Session::send_transport_error(int status, const char* code, const char* message) {
  if (phase_ == Phase::kClosed) return;
  state_->logger.warn("request rejected by transport",
                      {{"status", status}, {"client_ip", peer_ip_}, {"reason", message}});
  Response res = error_response(status, code, message);
  res.set_header("X-Content-Type-Options", "nosniff");
  req_.is_head = false;
  send(std::move(res));
}

void Session::start_stream(Response res) {
  phase_ = Phase::kStreaming;
  stream_header_ = {};
  stream_header_.version(11);
  stream_header_.result(static_cast<unsigned>(res.status));
  copy_headers(res.headers, stream_header_);
  stream_header_.chunked(true);
  stream_header_.keep_alive(keep_alive());
  stream_sr_.emplace(stream_header_);
  stream_.expires_after(state_->config.read_timeout);
  bhttp::async_write_header(stream_, *stream_sr_,
                            [self = shared_from_this(), producer = std::move(res.stream)](
                                beast::error_code ec, size_t) mutable {
                              self->on_stream_header(ec, std::move(producer));
                            });
}

void Session::on_stream_header(beast::error_code ec, StreamProducer producer) {
  if (ec || phase_ == Phase::kClosed) {
    close();
    return;
  }
  stream_.expires_never();
  channel_ = std::make_shared<StreamChannel>();
  // The notify callback keeps the session alive while it waits for the producer;
  // the cycle is broken by cancel() (close) or at the end of the stream.
  channel_->set_notify([self = shared_from_this()] {
    net::post(self->stream_.get_executor(), [self] { self->pump(); });
  });
  if (!state_->streams.start(channel_, std::move(producer))) {
    close();
    return;
  }
  pump();
}

void Session::pump() {
  if (phase_ != Phase::kStreaming || !channel_ || chunk_writing_) return;
  switch (channel_->try_pop(chunk_)) {
    case StreamChannel::Pop::kEmpty:
      return;
    case StreamChannel::Pop::kEnd:
      finish_stream();
      return;
    case StreamChannel::Pop::kData:
      break;
  }
  chunk_writing_ = true;
  stream_.expires_after(state_->config.read_timeout);
  net::async_write(stream_, bhttp::make_chunk(net::buffer(chunk_)),
                   [self = shared_from_this()](beast::error_code ec, size_t) {
                     self->chunk_writing_ = false;
                     if (ec) {
                       self->close();
                       return;
                     }
                     self->pump();
                   });
}

void Session::finish_stream() {
  channel_->set_notify(nullptr);
  channel_.reset();
  chunk_writing_ = true;
  stream_.expires_after(state_->config.read_timeout);
  net::async_write(stream_, bhttp::make_chunk_last(), [self = shared_from_this()](beast::error_code ec, size_t) {
    self->chunk_writing_ = false;
    self->stream_sr_.reset();
    self->phase_ = Phase::kWriting;
    self->on_write(ec, !self->stream_header_.keep_alive());
  });
}

}  // namespace sanad::http
