#include "llm/provider_factory.h"

#include <gtest/gtest.h>

namespace sanad::llm {
namespace {

TEST(ProviderFactoryTest, DefaultsFollowTheKeys) {
  core::LlmConfig c;
  auto none = make_chat_provider(c);
  ASSERT_TRUE(none.is_ok());
  EXPECT_EQ(none->get(), nullptr);  // extractive

  c.anthropic_api_key = "k";
  auto anthropic = make_chat_provider(c);
  ASSERT_TRUE(anthropic.is_ok());
  ASSERT_NE(anthropic->get(), nullptr);
  EXPECT_EQ((*anthropic)->name(), "anthropic");

  core::LlmConfig o;
  o.openai_api_key = "sk";
  o.model = "gpt-test";
  auto openai = make_chat_provider(o);
  ASSERT_TRUE(openai.is_ok());
  EXPECT_EQ((*openai)->name(), "openai");
}

TEST(ProviderFactoryTest, MisconfigurationNamesTheVariable) {
  core::LlmConfig c;
  c.provider = "anthropic";
  auto r = make_chat_provider(c);
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ANTHROPIC_API_KEY"), std::string::npos);
  c.provider = "openai";
  EXPECT_NE(make_chat_provider(c).status().message().find("LLM_MODEL"), std::string::npos);
  c.provider = "gpt";
  EXPECT_EQ(make_chat_provider(c).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sanad::llm
