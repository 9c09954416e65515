// Server-level tests over a real loopback socket, in-process.
#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <latch>
#include <thread>

#include "http/health.h"
#include "temp_dir.h"
#include "test_client.h"

namespace sanad::http {
namespace {

using std::chrono::milliseconds;
using testing::TempDir;
using testing::TestConnection;

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() : logger_(core::LogLevel::kOff) {
    config_.bind_address = "127.0.0.1";
    config_.port = 0;
    config_.io_threads = 2;
    config_.handler_threads = 2;
    config_.max_header_bytes = 2048;
    config_.max_body_bytes = 1024;
    config_.read_timeout = milliseconds(300);
    config_.idle_timeout = milliseconds(2000);
    config_.shutdown_timeout = milliseconds(5000);
  }

  void start() {
    add_health_routes(router_, checks_);
    server_ = std::make_unique<Server>(config_, router_, logger_, metrics_);
    ASSERT_TRUE(server_->start().is_ok());
    ASSERT_NE(server_->port(), 0);
  }

  void TearDown() override {
    if (server_) server_->shutdown();
  }

  core::HttpConfig config_;
  core::Logger logger_;
  Router router_;
  HealthChecks checks_;
  HttpMetrics metrics_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  router_.add("POST", "/api/echo", [](Request& req) { return Response::text(200, "echo:" + req.body); });
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: first\r\n\r\n"));
  auto r1 = c.read_response();
  ASSERT_TRUE(r1);
  EXPECT_EQ(r1->status, 200);
  EXPECT_EQ(r1->body, "{\"status\":\"ok\"}");
  EXPECT_EQ(r1->header("x-request-id"), "first");
  EXPECT_EQ(r1->header("x-content-type-options"), "nosniff");
  ASSERT_TRUE(c.send("POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello"));
  auto r2 = c.read_response();
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->status, 200);
  EXPECT_EQ(r2->body, "echo:hello");
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("HEAD /health/live HTTP/1.1\r\nHost: x\r\n\r\nGET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = c.read_response(std::chrono::seconds(5), /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), "15");
  auto get = c.read_response();  // would be garbled if HEAD had sent a body
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "{\"status\":\"ok\"}");
}

TEST_F(ServerTest, HeaderTooLargeIs431AndCloses) {
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(c.wait_closed(std::chrono::seconds(5)));
}

TEST_F(ServerTest, BodyLimitIsPerRoute) {
  RouteOptions small;
  small.max_body_bytes = 10;
  router_.add("POST", "/api/small", [](Request& req) { return Response::text(200, req.body); }, small);
  router_.add("POST", "/api/default", [](Request& req) { return Response::text(200, req.body); });
  start();
  {
    TestConnection c;
    ASSERT_EQ(c.connect(server_->port()), 0);
    ASSERT_TRUE(c.send("POST /api/small HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n01234567890"));
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_TRUE(c.wait_closed(std::chrono::seconds(5)));
  }
  {
    TestConnection c;  // the same size is fine on a route with the default limit
    ASSERT_EQ(c.connect(server_->port()), 0);
    ASSERT_TRUE(c.send("POST /api/default HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n01234567890"));
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "01234567890");
  }
  {
    TestConnection c;  // chunked bodies are limited while they stream in
    ASSERT_EQ(c.connect(server_->port()), 0);
    ASSERT_TRUE(c.send("POST /api/small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "8\r\n01234567\r\n8\r\n01234567\r\n0\r\n\r\n"));
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
}

TEST_F(ServerTest, ExpectContinueIsAnsweredBeforeTheBody) {
  router_.add("POST", "/api/echo", [](Request& req) { return Response::text(200, req.body); });
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.read_head(std::chrono::steady_clock::now() + std::chrono::seconds(5));
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.send("abc"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "abc");
}

TEST_F(ServerTest, BodyToFileSpoolsToDisk) {
  TempDir spool;
  RouteOptions upload;
  upload.body_to_file = spool.path().string();
  upload.max_body_bytes = 1 << 20;
  std::promise<std::string> seen;
  router_.add("POST", "/api/upload", [&](Request& req) {
    std::ifstream in(req.body_file);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    seen.set_value(req.body_file.parent_path().string());
    return Response::text(200, std::to_string(content.size()) + ":" + std::to_string(req.body.size()));
  }, upload);
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  std::string body(100000, 'z');
  ASSERT_TRUE(c.send("POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + body));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "100000:0");
  EXPECT_EQ(seen.get_future().get(), spool.path().string());
  EXPECT_TRUE(std::filesystem::is_empty(spool.path()));  // the spool file is removed afterwards
}

TEST_F(ServerTest, SlowClientIsCutByReadTimeout) {
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  auto begin = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.send("GET /health/live HTTP/1.1\r\nHo"));
  // Keep trickling bytes while waiting on the socket: the whole-request deadline still applies.
  bool closed = false;
  for (int i = 0; i < 40 && !closed; ++i) {
    closed = c.wait_closed(milliseconds(50));
    if (!closed) c.send("s");
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(2));
}

TEST_F(ServerTest, StreamingResponseArrivesChunkByChunk) {
  std::promise<void> first_received;
  auto first_received_future = first_received.get_future().share();
  router_.add("GET", "/api/stream", [first_received_future](Request&) {
    return Response::sse([first_received_future](StreamChannel& channel) {
      SseWriter sse(channel);
      sse.event("delta", "{\"text\":\"one\"}");
      first_received_future.wait();  // the client has seen chunk one before chunk two exists
      sse.event("done", "{}");
    });
  });
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = c.read_head(std::chrono::steady_clock::now() + std::chrono::seconds(5));
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("transfer-encoding"), "chunked");
  EXPECT_EQ(head->header("content-type"), "text/event-stream; charset=utf-8");
  auto one = c.read_chunk(std::chrono::seconds(5));
  ASSERT_TRUE(one);
  EXPECT_EQ(*one, "event: delta\ndata: {\"text\":\"one\"}\n\n");
  first_received.set_value();
  auto two = c.read_chunk(std::chrono::seconds(5));
  ASSERT_TRUE(two);
  EXPECT_EQ(*two, "event: done\ndata: {}\n\n");
  auto last = c.read_chunk(std::chrono::seconds(5));
  ASSERT_TRUE(last);
  EXPECT_TRUE(last->empty());
  // The connection is kept alive after the stream ends.
  ASSERT_TRUE(c.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto next = c.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, StreamProducerSeesClientDisconnect) {
  std::promise<void> stopped;
  router_.add("GET", "/api/stream", [&stopped](Request&) {
    return Response::sse([&stopped](StreamChannel& channel) {
      SseWriter sse(channel);
      while (sse.event("tick", std::string(1024, 'x'))) {
      }
      stopped.set_value();
    });
  });
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.read_head(std::chrono::steady_clock::now() + std::chrono::seconds(5)));
  ASSERT_TRUE(c.read_chunk(std::chrono::seconds(5)));
  c.close();
  EXPECT_EQ(stopped.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightAndRefusesNew) {
  std::latch entered(1);
  std::latch release(1);
  router_.add("GET", "/api/slow", [&](Request&) {
    entered.count_down();
    release.wait();
    return Response::text(200, "finished");
  });
  start();
  TestConnection idle;  // an idle keep-alive connection is closed at once
  ASSERT_EQ(idle.connect(server_->port()), 0);
  TestConnection busy;
  ASSERT_EQ(busy.connect(server_->port()), 0);
  ASSERT_TRUE(busy.send("GET /api/slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  entered.wait();

  uint16_t port = server_->port();
  std::thread stopper([this] { server_->shutdown(); });
  while (server_->accepting()) std::this_thread::yield();

  TestConnection late;
  EXPECT_EQ(late.connect(port), ECONNREFUSED);
  EXPECT_TRUE(idle.wait_closed(std::chrono::seconds(5)));

  release.count_down();
  auto r = busy.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->header("connection"), "close");
  stopper.join();
}

TEST_F(ServerTest, HandlerExceptionIs500AndUnknownRoutes404) {
  router_.add("GET", "/api/throw", [](Request&) -> Response { throw std::runtime_error("db password leaked"); });
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("GET /api/throw HTTP/1.1\r\nHost: x\r\n\r\nGET /api/none HTTP/1.1\r\nHost: x\r\n\r\n"
                     "GET /api/%2e%2e/x HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("password"), std::string::npos);
  auto missing = c.read_response();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto bad = c.read_response();
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ServerTest, ShutdownDeadlineClosesOverdueConnections) {
  config_.shutdown_timeout = milliseconds(100);
  std::latch entered(1);
  std::latch release(1);
  router_.add("GET", "/api/stuck", [&](Request&) {
    entered.count_down();
    release.wait();
    return Response::text(200, "late");
  });
  start();
  TestConnection busy;
  ASSERT_EQ(busy.connect(server_->port()), 0);
  ASSERT_TRUE(busy.send("GET /api/stuck HTTP/1.1\r\nHost: x\r\n\r\n"));
  entered.wait();
  std::thread stopper([this] { server_->shutdown(); });
  // Past the deadline the connection is closed without a response.
  EXPECT_TRUE(busy.wait_closed(std::chrono::seconds(10)));
  release.count_down();  // the handler itself cannot be interrupted; shutdown waits for it
  stopper.join();
  EXPECT_FALSE(server_->accepting());
}

TEST_F(ServerTest, ShutdownUnblocksRunUntilSignal) {
  start();
  std::promise<void> returned;
  std::thread runner([&] {
    server_->run_until_signal();
    returned.set_value();
  });
  server_->shutdown();
  EXPECT_EQ(returned.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  runner.join();
  TestConnection c;
  EXPECT_EQ(c.connect(server_->port()), ECONNREFUSED);
}

TEST_F(ServerTest, HeaderValuesCannotInjectHeaders) {
  router_.add("GET", "/api/name", [](Request& req) {
    Response res = Response::text(200, "ok");
    res.set_header("X-Name", std::string(req.query_param("n").value_or("")));
    return res;
  });
  start();
  TestConnection c;
  ASSERT_EQ(c.connect(server_->port()), 0);
  ASSERT_TRUE(c.send("GET /api/name?n=a%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->header("set-cookie").empty());
  EXPECT_EQ(r->header("x-name"), "a  Set-Cookie: x=1");
}

}  // namespace
}  // namespace sanad::http
