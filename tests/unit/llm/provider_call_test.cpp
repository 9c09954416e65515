#include "llm/provider_call.h"

#include <gtest/gtest.h>

namespace sanad::llm {
namespace {

TEST(DeltaEmitterTest, CapNeverSplitsACharacter) {
  CollectingSink sink;
  DeltaEmitter emitter(sink, 5);
  EXPECT_TRUE(emitter.emit("ab"));
  EXPECT_FALSE(emitter.emit("éé"));  // 4 bytes; only 3 fit: one whole é
  EXPECT_EQ(sink.text(), "abé");
  EXPECT_EQ(emitter.stop_reason(), FinishReason::kOutputCap);
  EXPECT_FALSE(emitter.emit("x"));
}

TEST(ProviderCallTest, HttpErrorsMapToCodes) {
  EXPECT_EQ(status_from_http_error("p", 401, "", std::nullopt).code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(status_from_http_error(
                "p", 529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
                std::nullopt)
                .code(),
            ErrorCode::kUnavailable);
  Status limited = status_from_http_error("p", 429, "{}", 7);
  EXPECT_EQ(limited.code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(retry_after_from_status(limited), 7);
  EXPECT_EQ(status_from_http_error("p", 404, "not json", std::nullopt).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(parse_retry_after(" 12 "), 12);
  EXPECT_FALSE(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT").has_value());
}

TEST(ProviderCallTest, OutputCapFollowsMaxTokens) {
  CallOptions o;
  o.max_output_bytes = 100000;
  ChatRequest r;
  r.max_tokens = 1000;
  EXPECT_EQ(output_cap(o, r), 16000u);
  r.max_tokens = 1;
  EXPECT_EQ(output_cap(o, r), 1024u);
  r.max_tokens = 1000000;
  EXPECT_EQ(output_cap(o, r), 100000u);
}

}  // namespace
}  // namespace sanad::llm
