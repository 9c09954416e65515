#include "llm/anthropic_provider.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "fake_http_server.h"

namespace sanad::llm {
namespace {

using testing::Connection;
using testing::FakeHttpServer;
using testing::RecordedRequest;
using testing::sse;
using Ms = std::chrono::milliseconds;

const char* kMessageStart =
    R"({"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant",)"
    R"("content":[],"model":"claude-test","stop_reason":null,"stop_sequence":null,)"
    R"("usage":{"input_tokens":25,"output_tokens":1}}})";
const char* kBlockStart =
    R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})";
const char* kPing = R"({"type": "ping"})";
const char* kBlockStop = R"({"type":"content_block_stop","index":0})";
const char* kMessageDelta =
    R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},)"
    R"("usage":{"output_tokens":15}})";
const char* kMessageStop = R"({"type":"message_stop"})";

std::string text_delta(std::string_view text) {
  nlohmann::json j = {
      {"type", "content_block_delta"}, {"index", 0}, {"delta", {{"type", "text_delta"}, {"text", text}}}};
  return sse("content_block_delta", j.dump());
}

std::string opening() {
  return sse("message_start", kMessageStart) + sse("content_block_start", kBlockStart) + sse("ping", kPing);
}

std::string closing() {
  return sse("content_block_stop", kBlockStop) + sse("message_delta", kMessageDelta) +
         sse("message_stop", kMessageStop);
}

void send_full_stream(Connection& c) {
  c.send_chunked_head(200, "text/event-stream; charset=utf-8");
  c.chunk(opening());
  c.chunk(text_delta("Bonjour"));
  c.chunk(text_delta(", le monde [1]."));
  c.chunk(closing());
  c.end_chunks();
}

AnthropicOptions options_for(const FakeHttpServer& server) {
  AnthropicOptions o;
  o.api_key = "test-key";
  o.base_url = server.base_url();
  o.model = "claude-test";
  o.call.timeouts.connect = Ms(1000);
  o.call.timeouts.first_byte = Ms(2000);
  o.call.timeouts.idle = Ms(300);
  o.call.timeouts.total = Ms(10000);
  o.call.backoff = Ms(10);
  o.call.max_retry_after = Ms(2000);
  return o;
}

ChatRequest simple_request() {
  ChatRequest r;
  r.system = "You answer from sources.";
  r.messages = {{Role::kUser, "Bonjour ?"}};
  r.max_tokens = 64;
  return r;
}

// Records deltas; optionally stops after `stop_after` of them.
class RecordingSink : public StreamSink {
 public:
  explicit RecordingSink(int stop_after = -1) : stop_after_(stop_after) {}
  bool on_delta(std::string_view t) override {
    text += t;
    ++deltas;
    return stop_after_ < 0 || deltas < stop_after_;
  }
  void on_finish(const ChatOutcome& o) override {
    outcome = o;
    finished = true;
  }
  std::string text;
  int deltas = 0;
  bool finished = false;
  ChatOutcome outcome;

 private:
  int stop_after_;
};

Ms elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now() - start);
}

TEST(AnthropicProviderTest, StreamsTextDeltasAndReportsUsage) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) { send_full_stream(c); });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.text, "Bonjour, le monde [1].");
  EXPECT_EQ(sink.deltas, 2);
  ASSERT_TRUE(sink.finished);
  EXPECT_EQ(sink.outcome.finish_reason, FinishReason::kStop);
  EXPECT_EQ(sink.outcome.provider_finish_reason, "end_turn");
  EXPECT_EQ(sink.outcome.usage.input_tokens, 25);
  EXPECT_EQ(sink.outcome.usage.output_tokens, 15);
  EXPECT_EQ(sink.outcome.model, "claude-test");
  EXPECT_EQ(sink.outcome.attempts, 1);

  ASSERT_EQ(server.request_count(), 1);
  RecordedRequest req = server.requests()[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.path, "/v1/messages");
  EXPECT_EQ(req.headers["x-api-key"], "test-key");
  EXPECT_EQ(req.headers["anthropic-version"], "2023-06-01");
  EXPECT_EQ(req.headers["content-type"], "application/json");
  nlohmann::json body = nlohmann::json::parse(req.body);
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["model"], "claude-test");
  EXPECT_EQ(body["max_tokens"], 64);
  EXPECT_EQ(body["system"], "You answer from sources.");
  ASSERT_EQ(body["messages"].size(), 1u);
  EXPECT_EQ(body["messages"][0]["role"], "user");
  EXPECT_EQ(body["messages"][0]["content"], "Bonjour ?");
}

TEST(AnthropicProviderTest, EventsSplitAcrossArbitraryChunksAndCrlf) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    std::string all = opening() + text_delta("abc") + text_delta("déf") + closing();
    std::string crlf;
    for (char ch : all) crlf += (ch == '\n') ? std::string("\r\n") : std::string(1, ch);
    c.send_chunked_head(200, "text/event-stream");
    for (size_t i = 0; i < crlf.size(); i += 7) c.chunk(crlf.substr(i, 7));
    c.end_chunks();
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  ASSERT_TRUE(provider.stream(simple_request(), sink).is_ok());
  EXPECT_EQ(sink.text, "abcdéf");
}

TEST(AnthropicProviderTest, NonStreamingCompletion) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(200, "application/json",
                    R"({"id":"msg_02","type":"message","role":"assistant","model":"claude-test",)"
                    R"("content":[{"type":"text","text":"Réécrit : congés 2025"}],)"
                    R"("stop_reason":"end_turn","stop_sequence":null,)"
                    R"("usage":{"input_tokens":10,"output_tokens":6}})");
  });
  AnthropicProvider provider(options_for(server));
  Result<ChatResponse> r = provider.complete(simple_request());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->text, "Réécrit : congés 2025");
  EXPECT_EQ(r->outcome.usage.output_tokens, 6);
  EXPECT_EQ(nlohmann::json::parse(server.requests()[0].body)["stream"], false);
}

TEST(AnthropicProviderTest, UnauthorizedIsNotRetried) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(
        401, "application/json",
        R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})");
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnauthenticated);
  EXPECT_NE(s.message().find("invalid x-api-key"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("401"), std::string::npos);
  EXPECT_EQ(server.request_count(), 1);
  EXPECT_FALSE(sink.finished);
}

TEST(AnthropicProviderTest, RateLimitedThenSucceedsAfterRetryAfter) {
  FakeHttpServer server([](const RecordedRequest&, int index, Connection& c) {
    if (index == 0) {
      c.send_response(429, "application/json",
                      R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})",
                      {"retry-after: 1"});
      return;
    }
    send_full_stream(c);
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  auto start = std::chrono::steady_clock::now();
  Status s = provider.stream(simple_request(), sink);
  Ms took = elapsed_since(start);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.text, "Bonjour, le monde [1].");
  EXPECT_EQ(sink.outcome.attempts, 2);
  EXPECT_EQ(server.request_count(), 2);
  EXPECT_GE(took, Ms(1000));  // Retry-After was honoured
  EXPECT_LT(took, Ms(3000));
}

TEST(AnthropicProviderTest, RetryAfterBeyondCapIsReportedAtOnce) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(429, "application/json",
                    R"({"type":"error","error":{"type":"rate_limit_error","message":"quota"}})",
                    {"Retry-After: 120"});
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  auto start = std::chrono::steady_clock::now();
  Status s = provider.stream(simple_request(), sink);
  EXPECT_LT(elapsed_since(start), Ms(1000));
  EXPECT_EQ(s.code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(retry_after_from_status(s), 120) << s.message();
  EXPECT_EQ(server.request_count(), 1);
}

TEST(AnthropicProviderTest, ServerErrorsAreRetriedTwiceThenReported) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(500, "application/json",
                    R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})");
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_NE(s.message().find("api_error"), std::string::npos) << s.message();
  EXPECT_EQ(server.request_count(), 3);
}

TEST(AnthropicProviderTest, StallAfterFirstChunkIsClosedWithinIdleTimeout) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    c.chunk(opening() + text_delta("Début"));
    c.stall();
  });
  AnthropicOptions o = options_for(server);
  o.call.timeouts.idle = Ms(400);
  AnthropicProvider provider(o);
  RecordingSink sink;
  auto start = std::chrono::steady_clock::now();
  Status s = provider.stream(simple_request(), sink);
  Ms took = elapsed_since(start);
  EXPECT_EQ(s.code(), ErrorCode::kDeadlineExceeded) << s.to_string();
  EXPECT_EQ(sink.text, "Début");
  EXPECT_GE(took, Ms(400));
  EXPECT_LT(took, Ms(400 + 1000));
  EXPECT_EQ(server.request_count(), 1);  // text was delivered: never retried
}

TEST(AnthropicProviderTest, NoFirstByteTimesOut) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) { c.stall(); });
  AnthropicOptions o = options_for(server);
  o.call.timeouts.first_byte = Ms(300);
  o.call.max_retries = 0;
  AnthropicProvider provider(o);
  RecordingSink sink;
  auto start = std::chrono::steady_clock::now();
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kDeadlineExceeded);
  EXPECT_LT(elapsed_since(start), Ms(300 + 1000));
}

TEST(AnthropicProviderTest, HeadersThenSilenceHitsTheFirstByteTimeout) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    c.stall();
  });
  AnthropicOptions o = options_for(server);
  o.call.timeouts.first_byte = Ms(300);
  o.call.timeouts.idle = Ms(100);
  o.call.max_retries = 0;
  AnthropicProvider provider(o);
  RecordingSink sink;
  auto start = std::chrono::steady_clock::now();
  Status s = provider.stream(simple_request(), sink);
  Ms took = elapsed_since(start);
  EXPECT_EQ(s.code(), ErrorCode::kDeadlineExceeded);
  EXPECT_NE(s.message().find("first-byte"), std::string::npos) << s.message();
  EXPECT_GE(took, Ms(300));
  EXPECT_LT(took, Ms(300 + 1000));
}

TEST(AnthropicProviderTest, ErrorWithEmptyBodyKeepsItsStatus) {
  FakeHttpServer server(
      [](const RecordedRequest&, int, Connection& c) { c.send_response(401, "application/json", ""); });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  EXPECT_EQ(provider.stream(simple_request(), sink).code(), ErrorCode::kUnauthenticated);
}

TEST(AnthropicProviderTest, StreamCutMidEventIsUnavailableAndNotRetriedAfterText) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_head(200, "text/event-stream");
    c.send(opening() + text_delta("Partiel") +
           "event: content_block_delta\ndata: {\"type\":\"content_block_del");
    // The handler returns: the connection is closed mid-event.
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable) << s.to_string();
  EXPECT_EQ(sink.text, "Partiel");
  EXPECT_EQ(server.request_count(), 1);
}

TEST(AnthropicProviderTest, ChunkedStreamCutIsUnavailable) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    c.chunk(opening() + text_delta("x"));
    c.send("40\r\nevent: content_");  // a chunk that never completes
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable) << s.to_string();
}

TEST(AnthropicProviderTest, CutBeforeAnyTextIsRetried) {
  FakeHttpServer server([](const RecordedRequest&, int index, Connection& c) {
    if (index < 2) {
      c.send_head(200, "text/event-stream");
      c.send(sse("message_start", kMessageStart));
      return;
    }
    send_full_stream(c);
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.outcome.attempts, 3);
  EXPECT_EQ(sink.text, "Bonjour, le monde [1].");
}

TEST(AnthropicProviderTest, MalformedJsonIsInternal) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_head(200, "text/event-stream");
    c.send(opening() + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",,}\n\n" +
           closing());
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kInternal) << s.to_string();
  EXPECT_NE(s.message().find("malformed"), std::string::npos);
}

TEST(AnthropicProviderTest, ErrorEventInStreamIsReported) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_head(200, "text/event-stream");
    c.send(opening() + text_delta("a") +
           sse("error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_NE(s.message().find("Overloaded"), std::string::npos) << s.message();
}

TEST(AnthropicProviderTest, EndlessOutputIsCapped) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    c.chunk(opening());
    while (c.chunk(text_delta("blabla "))) {
    }
  });
  AnthropicOptions o = options_for(server);
  o.call.max_output_bytes = 10000;
  AnthropicProvider provider(o);
  RecordingSink sink;
  ChatRequest request = simple_request();
  request.max_tokens = 4096;  // the byte cap is the tighter bound here
  auto start = std::chrono::steady_clock::now();
  Status s = provider.stream(request, sink);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.text.size(), 10000u);
  EXPECT_EQ(sink.outcome.finish_reason, FinishReason::kOutputCap);
  EXPECT_LT(elapsed_since(start), Ms(5000));
}

TEST(AnthropicProviderTest, ServerIgnoringMaxTokensIsCappedByIt) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    c.chunk(opening());
    while (c.chunk(text_delta("mot "))) {
    }
  });
  AnthropicOptions o = options_for(server);
  o.call.bytes_per_token_bound = 16;
  AnthropicProvider provider(o);
  RecordingSink sink;
  ChatRequest request = simple_request();
  request.max_tokens = 100;
  ASSERT_TRUE(provider.stream(request, sink).is_ok());
  EXPECT_EQ(sink.text.size(), 1600u);
  EXPECT_EQ(sink.outcome.finish_reason, FinishReason::kOutputCap);
}

TEST(AnthropicProviderTest, SinkCanStopTheTransfer) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    c.chunk(opening());
    while (c.chunk(text_delta("t "))) {
    }
  });
  AnthropicProvider provider(options_for(server));
  RecordingSink sink(/*stop_after=*/3);
  Status s = provider.stream(simple_request(), sink);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.deltas, 3);
  EXPECT_EQ(sink.outcome.finish_reason, FinishReason::kStoppedBySink);
}

TEST(AnthropicProviderTest, ConnectionRefusedIsUnavailable) {
  AnthropicOptions o;
  o.api_key = "k";
  o.base_url = "http://127.0.0.1:" + std::to_string(testing::unused_port());
  o.call.backoff = Ms(1);
  AnthropicProvider provider(o);
  RecordingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable) << s.to_string();
}

TEST(AnthropicProviderTest, MissingKeyIsUnauthenticatedWithoutARequest) {
  AnthropicOptions o;
  o.base_url = "http://127.0.0.1:1";
  AnthropicProvider provider(o);
  RecordingSink sink;
  EXPECT_EQ(provider.stream(simple_request(), sink).code(), ErrorCode::kUnauthenticated);
}

TEST(AnthropicProviderTest, CircuitOpensAfterConsecutiveFailures) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(503, "application/json",
                    R"({"type":"error","error":{"type":"api_error","message":"down"}})");
  });
  AnthropicOptions o = options_for(server);
  o.call.max_retries = 0;
  o.call.breaker.failure_threshold = 2;
  o.call.breaker.cool_down = Ms(60000);
  AnthropicProvider provider(o);
  RecordingSink sink;
  EXPECT_EQ(provider.stream(simple_request(), sink).code(), ErrorCode::kUnavailable);
  EXPECT_EQ(provider.stream(simple_request(), sink).code(), ErrorCode::kUnavailable);
  EXPECT_EQ(provider.breaker().state(), CircuitBreaker::State::kOpen);
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_NE(s.message().find("circuit open"), std::string::npos) << s.message();
  EXPECT_EQ(server.request_count(), 2);  // the open breaker did not call the provider
}

}  // namespace
}  // namespace sanad::llm
