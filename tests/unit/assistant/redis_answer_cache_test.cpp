// RedisAnswerCache against a real Redis (SANAD_TEST_REDIS_URL, started by
// scripts/test.sh): every field survives the round trip between two instances,
// another permission set / index version / provider is a miss, the key expires,
// a value stored for another key or malformed is a miss; and against a Redis of
// its own (started and stopped here): answers are cached in memory while nothing
// listens, and Redis is used again once it answers, with one warning per outage.
#include "assistant/redis_answer_cache.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "assistant/lru_answer_cache.h"
#include "redis_server_test.h"
#include "subprocess.h"
#include "temp_dir.h"

namespace sanad::assistant {
namespace {

using namespace std::chrono_literals;

AnswerCacheKeyParts key_parts(const search::AccessFilter& access, uint64_t version,
                              const std::string& provider = "extractive") {
  AnswerCacheKeyParts p;
  p.question = "Combien de jours de congés payés ?";
  p.retrieval_query = p.question;
  p.language = "fr";
  p.provider = provider;
  p.access = &access;
  p.index_version = version;
  return p;
}

CachedAnswer sample_answer() {
  Citation chunk;
  chunk.n = 1;
  chunk.document_id = "doc-1";
  chunk.chunk_id = "chunk-7";
  chunk.title = "Guide des congés";
  chunk.page = 3;
  chunk.section = "Congés payés › Durée";
  chunk.quote = "25 jours de congés payés par an";
  chunk.start = 120;
  chunk.end = 151;
  Citation faq;
  faq.n = 2;
  faq.kind = "faq";
  faq.chunk_id = "faq-3";
  faq.title = "كم يوما من العطلة؟";
  faq.section = "RH";
  faq.quote = "خمسة وعشرون يوما";
  faq.end = 16;
  return CachedAnswer{"Chaque salarié a droit à 25 jours [1], voir aussi [2].", {chunk, faq}, true};
}

void expect_same(const CachedAnswer& got, const CachedAnswer& want) {
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.answered, want.answered);
  ASSERT_EQ(got.citations.size(), want.citations.size());
  for (size_t i = 0; i < want.citations.size(); ++i) {
    const Citation& g = got.citations[i];
    const Citation& w = want.citations[i];
    EXPECT_EQ(g.n, w.n);
    EXPECT_EQ(g.kind, w.kind);
    EXPECT_EQ(g.document_id, w.document_id);
    EXPECT_EQ(g.chunk_id, w.chunk_id);
    EXPECT_EQ(g.title, w.title);
    EXPECT_EQ(g.page, w.page);
    EXPECT_EQ(g.section, w.section);
    EXPECT_EQ(g.quote, w.quote);
    EXPECT_EQ(g.start, w.start);
    EXPECT_EQ(g.end, w.end);
  }
}

class RedisAnswerCacheTest : public redis::testing::RedisServerTest {
 protected:
  void SetUp() override {
    RedisServerTest::SetUp();
    options_.key_prefix = unique_prefix("answer");  // tests never share keys
  }
  ~RedisAnswerCacheTest() override { std::fclose(sink_); }

  RedisAnswerCacheOptions options_;
  std::FILE* sink_ = std::tmpfile();
  core::Logger logger_{core::LogLevel::kInfo, sink_};
};

TEST_F(RedisAnswerCacheTest, RoundTripBetweenTwoInstancesKeepsEveryField) {
  redis::Client first_client(endpoint_);
  redis::Client second_client(endpoint_);
  LruAnswerCache first_local;
  LruAnswerCache second_local;
  RedisAnswerCache first(first_client, first_local, logger_, options_);
  RedisAnswerCache second(second_client, second_local, logger_, options_);
  search::AccessFilter access;
  access.folders = {"f1", "f2"};
  std::string key = answer_cache_key(key_parts(access, 42));
  EXPECT_FALSE(second.get(key).has_value());
  first.put(key, sample_answer());
  auto got = second.get(key);
  ASSERT_TRUE(got.has_value());
  expect_same(*got, sample_answer());
  EXPECT_EQ(first_local.size(), 0u) << "with Redis up, nothing goes to the in-process cache";
  EXPECT_FALSE(first.degraded());
  EXPECT_EQ(first.redis_key(key).rfind(options_.key_prefix, 0), 0u);
  EXPECT_EQ(first.redis_key(key).size(), options_.key_prefix.size() + 64) << "prefix + hex SHA-256";
}

TEST_F(RedisAnswerCacheTest, AnotherPermissionSetIndexVersionOrProviderIsAMiss) {
  redis::Client client(endpoint_);
  LruAnswerCache local;
  RedisAnswerCache cache(client, local, logger_, options_);
  search::AccessFilter access;
  access.folders = {"f1", "f2"};
  search::AccessFilter same_in_other_order;
  same_in_other_order.folders = {"f2", "f1"};
  search::AccessFilter fewer;
  fewer.folders = {"f1"};
  cache.put(answer_cache_key(key_parts(access, 7)), sample_answer());
  EXPECT_TRUE(cache.get(answer_cache_key(key_parts(same_in_other_order, 7))).has_value());
  EXPECT_FALSE(cache.get(answer_cache_key(key_parts(fewer, 7))).has_value());
  EXPECT_FALSE(cache.get(answer_cache_key(key_parts(search::AccessFilter::everything(), 7))).has_value());
  EXPECT_FALSE(cache.get(answer_cache_key(key_parts(access, 8))).has_value());
  EXPECT_FALSE(cache.get(answer_cache_key(key_parts(access, 7, "anthropic"))).has_value());
}

TEST_F(RedisAnswerCacheTest, StoredKeyHasTheConfiguredTimeToLive) {
  options_.ttl = 120s;
  redis::Client client(endpoint_);
  LruAnswerCache local;
  RedisAnswerCache cache(client, local, logger_, options_);
  std::string key = answer_cache_key(key_parts(search::AccessFilter::everything(), 1));
  cache.put(key, sample_answer());
  auto pttl = client.command({"PTTL", cache.redis_key(key)});
  ASSERT_TRUE(pttl.is_ok()) << pttl.status().to_string();
  ASSERT_EQ(pttl->type, redis::Reply::Type::kInteger);
  EXPECT_GT(pttl->integer, 0);
  EXPECT_LE(pttl->integer, 120'000);
}

TEST_F(RedisAnswerCacheTest, ValueForAnotherKeyOrMalformedIsAMiss) {
  redis::Client client(endpoint_);
  LruAnswerCache local;
  RedisAnswerCache cache(client, local, logger_, options_);
  std::string key = answer_cache_key(key_parts(search::AccessFilter::everything(), 1));
  std::string other = answer_cache_key(key_parts(search::AccessFilter::everything(), 2));
  std::string slot = cache.redis_key(key);
  // A value stored under this digest for another full key (a collision, or a
  // foreign writer) is never served.
  ASSERT_TRUE(client.command({"SET", slot, encode_cached_answer(other, sample_answer())}).is_ok());
  EXPECT_FALSE(cache.get(key).has_value());
  for (const std::string& bad :
       {std::string("not json"), std::string("[1,2]"), std::string(R"({"key":5})"),
        nlohmann::json{{"key", key}, {"text", 5}, {"citations", nlohmann::json::array()}, {"answered", true}}.dump(),
        nlohmann::json{{"key", key}, {"text", "t"}, {"citations", "x"}, {"answered", true}}.dump(),
        nlohmann::json{{"key", key}, {"text", "t"}, {"citations", {{{"n", "one"}}}}, {"answered", true}}.dump()}) {
    ASSERT_TRUE(client.command({"SET", slot, bad}).is_ok());
    EXPECT_FALSE(cache.get(key).has_value()) << bad;
  }
  EXPECT_FALSE(cache.degraded()) << "a bad value is a miss, not an outage";
  ASSERT_TRUE(client.command({"SET", slot, encode_cached_answer(key, sample_answer())}).is_ok());
  EXPECT_TRUE(cache.get(key).has_value());
}

// A loopback port nothing listens on (bound, read, released).
uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

size_t count_lines_with(std::FILE* sink, core::Logger& logger, const std::string& needle) {
  logger.flush();
  std::fflush(sink);
  std::rewind(sink);
  std::string text;
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, sink)) text.append(buffer, n);
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

TEST_F(RedisAnswerCacheTest, UnreachableRedisCachesInMemoryAndRedisIsUsedAgainWhenItAnswers) {
  const std::string server = "/usr/bin/redis-server";
  ASSERT_TRUE(std::filesystem::exists(server)) << "redis-server is needed (scripts/apt/test.*.txt)";
  redis::RedisEndpoint endpoint;
  endpoint.host = "127.0.0.1";
  endpoint.port = free_port();
  ASSERT_NE(endpoint.port, 0);
  redis::Client client(endpoint);
  LruAnswerCache local;
  options_.retry_after = 0ms;  // ask Redis again at once: the test decides when it is back
  RedisAnswerCache cache(client, local, logger_, options_);
  std::string key = answer_cache_key(key_parts(search::AccessFilter::everything(), 3));
  std::string later = answer_cache_key(key_parts(search::AccessFilter::everything(), 4));

  // Nothing listens: answers are cached in this process, requests never fail.
  EXPECT_FALSE(cache.get(key).has_value());
  EXPECT_TRUE(cache.degraded());
  cache.put(key, sample_answer());
  auto from_memory = cache.get(key);
  ASSERT_TRUE(from_memory.has_value());
  expect_same(*from_memory, sample_answer());
  EXPECT_EQ(local.size(), 1u);
  EXPECT_EQ(count_lines_with(sink_, logger_, "Redis unreachable"), 1u) << "one warning per outage";

  // Redis comes up on that port: the next look-up goes to it, and stores land there.
  testing::TempDir dir;
  testing::Subprocess redis_server({server, "--bind", "127.0.0.1", "--port", std::to_string(endpoint.port), "--save",
                                    "", "--appendonly", "no", "--dir", dir.path()},
                                   {});
  ASSERT_TRUE(redis_server.wait_for_stdout_line("Ready to accept connections", 20s).has_value())
      << redis_server.stdout_text();
  EXPECT_FALSE(cache.get(later).has_value());
  EXPECT_FALSE(cache.degraded());
  cache.put(later, sample_answer());
  EXPECT_EQ(local.size(), 1u) << "with Redis back, answers go to Redis";
  redis::Client direct(endpoint);
  auto stored = direct.command({"GET", cache.redis_key(later)});
  ASSERT_TRUE(stored.is_ok()) << stored.status().to_string();
  ASSERT_EQ(stored->type, redis::Reply::Type::kString);
  auto decoded = decode_cached_answer(stored->str, later);
  ASSERT_TRUE(decoded.has_value());
  expect_same(*decoded, sample_answer());
  EXPECT_EQ(count_lines_with(sink_, logger_, "Redis answers again"), 1u);
  EXPECT_EQ(count_lines_with(sink_, logger_, "Redis unreachable"), 1u);
}

}  // namespace
}  // namespace sanad::assistant
