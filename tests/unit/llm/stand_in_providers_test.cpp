#include "llm/stand_in_providers.h"

#include <gtest/gtest.h>

#include <chrono>

namespace sanad::llm {
namespace {

TEST(EchoProviderTest, EchoesTheWholeContext) {
  EchoProvider provider(5);
  ChatRequest r;
  r.system = "sys";
  r.messages = {{Role::kUser, "question secrète"}, {Role::kAssistant, "a"}};
  CollectingSink sink;
  ASSERT_TRUE(provider.stream(r, sink).is_ok());
  EXPECT_EQ(sink.text(), "system: sys\nuser: question secrète\nassistant: a\n");
  EXPECT_EQ(sink.outcome().output_bytes, static_cast<int64_t>(sink.text().size()));
  Result<ChatResponse> whole = provider.complete(r);
  ASSERT_TRUE(whole.is_ok());
  EXPECT_EQ(whole->text, sink.text());
}

TEST(SlowProviderTest, PacesTokens) {
  SlowProvider provider(/*tokens_per_second=*/100, /*tokens=*/10);
  CollectingSink sink;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(provider.stream({}, sink).is_ok());
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(100));
  EXPECT_LT(took, std::chrono::milliseconds(1000));
  EXPECT_EQ(sink.outcome().usage.output_tokens, 10);
  EXPECT_EQ(sink.text().substr(0, 14), "token1 token2 ");
}

}  // namespace
}  // namespace sanad::llm
