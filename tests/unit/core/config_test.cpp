#include "core/config.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sanad::core {
namespace {

Config load(std::map<std::string, std::string> vars) {
  auto config = load_config(Environment(std::move(vars)));
  EXPECT_TRUE(config.is_ok()) << config.status().to_string();
  return config.is_ok() ? *config : Config{};
}

bool mentions(const std::vector<std::string>& problems, std::string_view needle) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

TEST(ConfigTest, DefaultsAreEmbedded) {
  Config c = load({});
  EXPECT_FALSE(c.production());
  EXPECT_EQ(c.http.port, 8080);
  EXPECT_EQ(c.database.url, "sqlite://./var/sanad.db");
  EXPECT_FALSE(c.database.is_postgres());
  EXPECT_EQ(c.database.sqlite_path(), "./var/sanad.db");
  EXPECT_EQ(c.upload_dir, "./var/uploads");
  EXPECT_EQ(c.llm.provider, "extractive");
  EXPECT_EQ(c.answer_cache_ttl, std::chrono::seconds(86400));
  EXPECT_EQ(c.embedding.precision, "float32");
  EXPECT_TRUE(production_problems(c).empty());
}

TEST(ConfigTest, AnswerCacheTtlIsReadAndDescribed) {
  Config c = load({{"SANAD_ANSWER_CACHE_TTL_SECONDS", "600"}});
  EXPECT_EQ(c.answer_cache_ttl, std::chrono::seconds(600));
  EXPECT_TRUE(mentions(describe_config(c), "SANAD_ANSWER_CACHE_TTL_SECONDS=600"));
}

TEST(ConfigTest, ReadsApiNames) {
  Config c = load({{"PORT", "9000"},
                   {"DATABASE_URL", "postgresql://u:p@127.0.0.1:5432/sanad"},
                   {"CLAUDE_API_KEY", "k"},
                   {"CORS_ORIGINS", "https://a.example, https://b.example"},
                   {"FRONTEND_URL", "https://app.example"},
                   {"SANAD_DATA_DIR", "/srv/sanad"}});
  EXPECT_EQ(c.http.port, 9000);
  EXPECT_TRUE(c.database.is_postgres());
  EXPECT_EQ(c.llm.provider, "anthropic");
  EXPECT_EQ(c.llm.anthropic_api_key, "k");
  EXPECT_EQ(c.http.cors_origins,
            (std::vector<std::string>{"https://a.example", "https://b.example", "https://app.example"}));
  EXPECT_EQ(c.upload_dir, "/srv/sanad/uploads");
}

TEST(ConfigTest, AnthropicKeyTakesPrecedenceOverClaudeKey) {
  Config c = load({{"CLAUDE_API_KEY", "claude"}, {"ANTHROPIC_API_KEY", "anthropic"}});
  EXPECT_EQ(c.llm.anthropic_api_key, "anthropic");
}

TEST(ConfigTest, BadValuesNameTheVariable) {
  for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"PORT", "abc"}, {"PORT", "70000"}, {"SANAD_ENV", "staging"}, {"SANAD_DEBUG", "maybe"},
           {"DATABASE_URL", "mysql://x"}, {"LLM_PROVIDER", "gpt"}, {"SANAD_LOG_LEVEL", "loud"},
           {"SANAD_VECTOR_STORAGE", "fp8"}, {"SANAD_EMBED_PRECISION", "int4"},
           {"SANAD_ANSWER_CACHE_TTL_SECONDS", "0"}, {"SANAD_ANSWER_CACHE_TTL_SECONDS", "-5"},
           {"SANAD_ANSWER_CACHE_TTL_SECONDS", "31536001"}}) {
    auto config = load_config(Environment({{name, value}}));
    ASSERT_FALSE(config.is_ok()) << name << "=" << value;
    EXPECT_NE(config.status().message().find(name), std::string::npos) << config.status().to_string();
  }
}

TEST(ConfigTest, ProductionRefusesInsecureSettings) {
  Config c = load({{"SANAD_ENV", "production"},
                   {"SECRET_KEY", "short"},
                   {"CORS_ORIGINS", "*"},
                   {"SANAD_DEBUG", "true"}});
  auto problems = production_problems(c);
  EXPECT_TRUE(mentions(problems, "SECRET_KEY is 5 bytes"));
  EXPECT_TRUE(mentions(problems, "CORS_ORIGINS contains '*'"));
  EXPECT_TRUE(mentions(problems, "SANAD_DEBUG"));
  EXPECT_TRUE(mentions(problems, "SANAD_ALLOWED_HOSTS"));

  Config missing = load({{"SANAD_ENV", "production"}});
  EXPECT_TRUE(mentions(production_problems(missing), "SECRET_KEY is not set"));
}

TEST(ConfigTest, ProductionAcceptsSecureSettings) {
  Config c = load({{"SANAD_ENV", "production"},
                   {"SECRET_KEY", std::string(32, 'k')},
                   {"CORS_ORIGINS", "https://intranet.example"},
                   {"SANAD_ALLOWED_HOSTS", "intranet.example"}});
  EXPECT_TRUE(production_problems(c).empty());
  // Wildcard without credentials is acceptable.
  Config wildcard = load({{"SANAD_ENV", "production"},
                          {"SECRET_KEY", std::string(40, 'k')},
                          {"CORS_ORIGINS", "*"},
                          {"CORS_ALLOW_CREDENTIALS", "false"},
                          {"SANAD_ALLOWED_HOSTS", "intranet.example"}});
  EXPECT_TRUE(production_problems(wildcard).empty());
}

TEST(ConfigTest, DescriptionRedactsSecrets) {
  Config c = load({{"SECRET_KEY", "super-secret-value-0123456789abcdef"},
                   {"OPENAI_API_KEY", "sk-hidden"},
                   {"DATABASE_URL", "postgresql://sanad:pw-hidden@db:5432/sanad"}});
  std::string all;
  for (const auto& line : describe_config(c)) all += line + "\n";
  EXPECT_EQ(all.find("super-secret"), std::string::npos);
  EXPECT_EQ(all.find("sk-hidden"), std::string::npos);
  EXPECT_EQ(all.find("pw-hidden"), std::string::npos);
  EXPECT_NE(all.find("DATABASE_URL=postgresql://sanad:***@db:5432/sanad"), std::string::npos);
  EXPECT_NE(all.find("SECRET_KEY=(set, 35 bytes, redacted)"), std::string::npos);
}

}  // namespace
}  // namespace sanad::core
