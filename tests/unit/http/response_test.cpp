#include "http/response.h"

#include <gtest/gtest.h>

#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "http/stream.h"

namespace sanad::http {
namespace {

TEST(ErrorResponseTest, MapsEveryCode) {
  struct Case {
    Status status;
    int http;
  };
  const Case cases[] = {
      {invalid_argument("x"), 400},    {unauthenticated("x"), 401},     {permission_denied("x"), 403},
      {not_found("x"), 404},           {already_exists("x"), 409},      {failed_precondition("x"), 409},
      {too_large("x"), 413},           {unsupported("x"), 415},         {resource_exhausted("x"), 429},
      {unavailable("x"), 503},         {deadline_exceeded("x"), 504},   {cancelled("x"), 503},
      {internal_error("x"), 500},
  };
  for (const auto& c : cases) {
    Response res = error_response(c.status);
    EXPECT_EQ(res.status, c.http) << c.status.to_string();
    EXPECT_EQ(res.header("Content-Type"), "application/json");
    auto body = nlohmann::json::parse(res.body);
    EXPECT_EQ(body["error"]["code"], std::string(error_code_name(c.status.code())));
  }
}

TEST(ErrorResponseTest, MessageIsEscapedJson) {
  Response res = error_response(invalid_argument("bad \"name\"\n"));
  auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body["error"]["message"], "bad \"name\"\n");
  EXPECT_TRUE(res.log_detail.empty());
}

TEST(ErrorResponseTest, InternalDetailsDoNotLeak) {
  Response res = error_response(internal_error("password=hunter2 at db.cpp:42"));
  EXPECT_EQ(res.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["message"], "internal error");
  EXPECT_NE(res.log_detail.find("hunter2"), std::string::npos);
}

TEST(ResponseTest, HelpersAndHeaders) {
  Response r = Response::json(201, "{}");
  EXPECT_EQ(r.status, 201);
  r.set_header("content-type", "application/problem+json");
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  r.append_token("Vary", "Origin");
  r.append_token("vary", "origin");
  r.append_token("Vary", "Accept-Encoding");
  EXPECT_EQ(r.header("Vary"), "Origin, Accept-Encoding");
  EXPECT_EQ(Response::no_content().status, 204);
  EXPECT_EQ(Response::text(200, "hi").header("Content-Type"), "text/plain; charset=utf-8");
  Response sse = Response::sse([](StreamChannel&) {});
  EXPECT_TRUE(static_cast<bool>(sse.stream));
  EXPECT_EQ(sse.header("Content-Type"), "text/event-stream; charset=utf-8");
}

TEST(SseWriterTest, FormatsEventsAndMultilineData) {
  EXPECT_EQ(SseWriter::format("delta", "{\"text\":\"hi\"}"), "event: delta\ndata: {\"text\":\"hi\"}\n\n");
  EXPECT_EQ(SseWriter::format("", "a\nb\r\nc", "7"), "id: 7\ndata: a\ndata: b\ndata: c\n\n");
  StreamChannel channel;
  SseWriter writer(channel);
  EXPECT_TRUE(writer.event("done", "{}"));
  EXPECT_TRUE(writer.comment("ping"));
  channel.close();
  std::string out;
  EXPECT_EQ(channel.try_pop(out), StreamChannel::Pop::kData);
  EXPECT_EQ(out, "event: done\ndata: {}\n\n: ping\n\n");
  EXPECT_EQ(channel.try_pop(out), StreamChannel::Pop::kEnd);
}

TEST(StreamChannelTest, BoundedPushBlocksUntilConsumed) {
  StreamChannel channel(1);
  ASSERT_TRUE(channel.push("a"));
  std::promise<bool> second;
  std::thread producer([&] { second.set_value(channel.push("b")); });
  auto fut = second.get_future();
  // The producer is blocked while the channel is full.
  EXPECT_EQ(fut.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
  std::string out;
  EXPECT_EQ(channel.try_pop(out), StreamChannel::Pop::kData);
  EXPECT_EQ(out, "a");
  EXPECT_TRUE(fut.get());
  producer.join();
}

TEST(StreamChannelTest, CancelWakesProducerAndNotifyFires) {
  StreamChannel channel(1);
  std::promise<void> notified;
  channel.set_notify([&] { notified.set_value(); });
  std::string out;
  EXPECT_EQ(channel.try_pop(out), StreamChannel::Pop::kEmpty);
  ASSERT_TRUE(channel.push("x"));
  EXPECT_EQ(notified.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  std::promise<bool> blocked;
  std::thread producer([&] { blocked.set_value(channel.push("y")); });
  channel.cancel();
  EXPECT_FALSE(blocked.get_future().get());
  producer.join();
  EXPECT_TRUE(channel.cancelled());
  EXPECT_FALSE(channel.push("z"));
}

}  // namespace
}  // namespace sanad::http
