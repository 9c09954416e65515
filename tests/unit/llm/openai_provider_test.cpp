#include "llm/openai_provider.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "fake_http_server.h"

namespace sanad::llm {
namespace {

using testing::Connection;
using testing::FakeHttpServer;
using testing::RecordedRequest;
using testing::sse_data;
using Ms = std::chrono::milliseconds;

std::string chunk_json(std::string_view content, const char* finish = nullptr) {
  nlohmann::json j = {{"id", "chatcmpl-1"},
                      {"object", "chat.completion.chunk"},
                      {"created", 1700000000},
                      {"model", "llama-test"},
                      {"choices",
                       {{{"index", 0},
                         {"delta", {{"content", content}}},
                         {"finish_reason", finish ? nlohmann::json(finish) : nlohmann::json()}}}}};
  return sse_data(j.dump());
}

const char* kRoleChunk =
    R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"llama-test",)"
    R"("choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]})";
const char* kUsageChunk =
    R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"llama-test",)"
    R"("choices":[],"usage":{"prompt_tokens":31,"completion_tokens":9,"total_tokens":40}})";

void send_full_stream(Connection& c) {
  c.send_chunked_head(200, "text/event-stream");
  c.chunk(sse_data(kRoleChunk));
  c.chunk(chunk_json("مرحبا"));
  c.chunk(chunk_json(" [2]"));
  c.chunk(chunk_json("", "stop"));
  c.chunk(sse_data(kUsageChunk));
  c.chunk("data: [DONE]\n\n");
  c.end_chunks();
}

OpenAiOptions options_for(const FakeHttpServer& server) {
  OpenAiOptions o;
  o.api_key = "sk-test";
  o.base_url = server.base_url() + "/v1/";
  o.model = "llama-test";
  o.call.timeouts.connect = Ms(1000);
  o.call.timeouts.first_byte = Ms(2000);
  o.call.timeouts.idle = Ms(300);
  o.call.backoff = Ms(10);
  return o;
}

ChatRequest simple_request() {
  ChatRequest r;
  r.system = "System prompt";
  r.messages = {{Role::kUser, "q1"}, {Role::kAssistant, "a1"}, {Role::kUser, "q2"}};
  r.max_tokens = 1000;
  r.temperature = 0.0;
  return r;
}

Ms elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now() - start);
}

TEST(OpenAiProviderTest, StreamsContentUntilDone) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) { send_full_stream(c); });
  OpenAiProvider provider(options_for(server));
  CollectingSink sink;
  Status s = provider.stream(simple_request(), sink);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.text(), "مرحبا [2]");
  EXPECT_EQ(sink.outcome().finish_reason, FinishReason::kStop);
  EXPECT_EQ(sink.outcome().usage.input_tokens, 31);
  EXPECT_EQ(sink.outcome().usage.output_tokens, 9);
  EXPECT_EQ(sink.outcome().model, "llama-test");

  RecordedRequest req = server.requests()[0];
  EXPECT_EQ(req.path, "/v1/chat/completions");
  EXPECT_EQ(req.headers["authorization"], "Bearer sk-test");
  nlohmann::json body = nlohmann::json::parse(req.body);
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["model"], "llama-test");
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
  ASSERT_EQ(body["messages"].size(), 4u);
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_EQ(body["messages"][0]["content"], "System prompt");
  EXPECT_EQ(body["messages"][2]["role"], "assistant");
  EXPECT_EQ(body["messages"][3]["content"], "q2");
}

TEST(OpenAiProviderTest, NoKeyMeansNoAuthorizationHeader) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) { send_full_stream(c); });
  OpenAiOptions o = options_for(server);
  o.api_key.clear();
  OpenAiProvider provider(o);
  CollectingSink sink;
  ASSERT_TRUE(provider.stream(simple_request(), sink).is_ok());
  EXPECT_EQ(server.requests()[0].headers.count("authorization"), 0u);
}

TEST(OpenAiProviderTest, NonStreamingCompletion) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(200, "application/json",
                    R"({"id":"chatcmpl-2","object":"chat.completion","model":"llama-test",)"
                    R"("choices":[{"index":0,"message":{"role":"assistant","content":"congés annuels"},)"
                    R"("finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":3}})");
  });
  OpenAiProvider provider(options_for(server));
  Result<ChatResponse> r = provider.complete(simple_request());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->text, "congés annuels");
  EXPECT_EQ(r->outcome.finish_reason, FinishReason::kMaxTokens);
  EXPECT_EQ(nlohmann::json::parse(server.requests()[0].body)["stream"], false);
}

TEST(OpenAiProviderTest, ErrorBodyMessageIsReported) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(
        400, "application/json",
        R"({"error":{"message":"model 'nope' not found","type":"invalid_request_error","code":"model_not_found"}})");
  });
  OpenAiProvider provider(options_for(server));
  CollectingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("model 'nope' not found"), std::string::npos) << s.message();
  EXPECT_EQ(server.request_count(), 1);
}

TEST(OpenAiProviderTest, UnauthorizedIsUnauthenticated) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_response(
        401, "application/json",
        R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})");
  });
  OpenAiProvider provider(options_for(server));
  CollectingSink sink;
  EXPECT_EQ(provider.stream(simple_request(), sink).code(), ErrorCode::kUnauthenticated);
}

TEST(OpenAiProviderTest, RateLimitedThenSucceeds) {
  FakeHttpServer server([](const RecordedRequest&, int index, Connection& c) {
    if (index == 0) {
      c.send_response(
          429, "application/json",
          R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})",
          {"retry-after: 1"});
      return;
    }
    send_full_stream(c);
  });
  OpenAiProvider provider(options_for(server));
  CollectingSink sink;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(provider.stream(simple_request(), sink).is_ok());
  EXPECT_GE(elapsed_since(start), Ms(1000));
  EXPECT_EQ(sink.outcome().attempts, 2);
}

TEST(OpenAiProviderTest, ServerErrorIsUnavailable) {
  FakeHttpServer server(
      [](const RecordedRequest&, int, Connection& c) { c.send_response(500, "text/plain", "boom"); });
  OpenAiOptions o = options_for(server);
  o.call.max_retries = 1;
  OpenAiProvider provider(o);
  CollectingSink sink;
  EXPECT_EQ(provider.stream(simple_request(), sink).code(), ErrorCode::kUnavailable);
  EXPECT_EQ(server.request_count(), 2);
}

TEST(OpenAiProviderTest, StallAfterFirstChunkIsClosedWithinIdleTimeout) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    c.chunk(chunk_json("Bon"));
    c.stall();
  });
  OpenAiOptions o = options_for(server);
  o.call.timeouts.idle = Ms(500);
  OpenAiProvider provider(o);
  CollectingSink sink;
  auto start = std::chrono::steady_clock::now();
  Status s = provider.stream(simple_request(), sink);
  Ms took = elapsed_since(start);
  EXPECT_EQ(s.code(), ErrorCode::kDeadlineExceeded);
  EXPECT_EQ(sink.text(), "Bon");
  EXPECT_GE(took, Ms(500));
  EXPECT_LT(took, Ms(500 + 1000));
}

TEST(OpenAiProviderTest, CutStreamIsUnavailable) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_head(200, "text/event-stream");
    c.send(chunk_json("Bon") + "data: {\"id\":\"chatcmpl-1\",\"choi");
  });
  OpenAiProvider provider(options_for(server));
  CollectingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable) << s.to_string();
  EXPECT_EQ(server.request_count(), 1);
}

TEST(OpenAiProviderTest, MalformedJsonIsInternal) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_head(200, "text/event-stream");
    c.send(chunk_json("a") + "data: {not json}\n\n" + "data: [DONE]\n\n");
  });
  OpenAiProvider provider(options_for(server));
  CollectingSink sink;
  EXPECT_EQ(provider.stream(simple_request(), sink).code(), ErrorCode::kInternal);
}

TEST(OpenAiProviderTest, ErrorObjectInStreamIsReported) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_head(200, "text/event-stream");
    c.send(chunk_json("a") + sse_data(R"({"error":{"message":"out of memory","type":"server_error"}})"));
  });
  OpenAiProvider provider(options_for(server));
  CollectingSink sink;
  Status s = provider.stream(simple_request(), sink);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_NE(s.message().find("out of memory"), std::string::npos);
}

TEST(OpenAiProviderTest, EndlessOutputIsCapped) {
  FakeHttpServer server([](const RecordedRequest&, int, Connection& c) {
    c.send_chunked_head(200, "text/event-stream");
    while (c.chunk(chunk_json("encore "))) {
    }
  });
  OpenAiOptions o = options_for(server);
  o.call.max_output_bytes = 5000;
  OpenAiProvider provider(o);
  CollectingSink sink;
  Status s = provider.stream(simple_request(), sink);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.text().size(), 5000u);
  EXPECT_EQ(sink.outcome().finish_reason, FinishReason::kOutputCap);
}

}  // namespace
}  // namespace sanad::llm
