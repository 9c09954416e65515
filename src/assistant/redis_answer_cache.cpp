#include "assistant/redis_answer_cache.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "assistant/answer_json.h"

namespace sanad::assistant {

namespace {

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  size_t size = 0;
  if (EVP_Q_digest(nullptr, "SHA256", nullptr, data.data(), data.size(), digest, &size) != 1) {
    return {};  // not reached with OpenSSL 3; an empty digest only makes every read a miss
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace

std::string encode_cached_answer(const std::string& key, const CachedAnswer& answer) {
  nlohmann::json j = {{"key", key},
                      {"text", answer.text},
                      {"citations", citations_to_json(answer.citations)},
                      {"answered", answer.answered}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<CachedAnswer> decode_cached_answer(std::string_view value, const std::string& key) {
  auto j = nlohmann::json::parse(value, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  auto stored_key = j.find("key");
  auto text = j.find("text");
  auto citations = j.find("citations");
  auto answered = j.find("answered");
  if (stored_key == j.end() || !stored_key->is_string() || stored_key->get_ref<const std::string&>() != key) {
    return std::nullopt;
  }
  if (text == j.end() || !text->is_string() || answered == j.end() || !answered->is_boolean() ||
      citations == j.end()) {
    return std::nullopt;
  }
  auto parsed = citations_from_json_array(*citations);
  if (!parsed) return std::nullopt;
  return CachedAnswer{text->get<std::string>(), std::move(*parsed), answered->get<bool>()};
}

RedisAnswerCache::RedisAnswerCache(redis::Client& client, AnswerCache& fallback, core::Logger& logger,
                                   RedisAnswerCacheOptions options)
    : client_(client), fallback_(fallback), logger_(logger), options_(std::move(options)) {}

std::string RedisAnswerCache::redis_key(const std::string& key) const {
  return options_.key_prefix + sha256_hex(key);
}

bool RedisAnswerCache::redis_allowed() const { return !down_.load() || steady_ms() >= retry_at_ms_.load(); }

void RedisAnswerCache::mark_down(const Status& why) {
  retry_at_ms_.store(steady_ms() + options_.retry_after.count());
  if (!down_.exchange(true)) {
    logger_.warn("answer cache: Redis unreachable, answers cached in this process until it answers again",
                 {{"error", why.to_string()}, {"retry_ms", static_cast<int64_t>(options_.retry_after.count())}});
  }
}

void RedisAnswerCache::mark_up() {
  if (down_.exchange(false)) logger_.info("answer cache: Redis answers again, answers shared between instances");
}

std::optional<CachedAnswer> RedisAnswerCache::get(const std::string& key) {
  if (!redis_allowed()) return fallback_.get(key);
  auto reply = client_.command({"GET", redis_key(key)});
  if (!reply) {
    mark_down(reply.status());
    return fallback_.get(key);
  }
  mark_up();
  if (reply->type != redis::Reply::Type::kString) return std::nullopt;
  return decode_cached_answer(reply->str, key);
}

void RedisAnswerCache::put(const std::string& key, CachedAnswer answer) {
  if (redis_allowed()) {
    auto reply = client_.command({"SET", redis_key(key), encode_cached_answer(key, answer), "PX",
                                  std::to_string(options_.ttl.count())});
    if (reply) {
      mark_up();
      return;
    }
    mark_down(reply.status());
  }
  fallback_.put(key, std::move(answer));
}

}  // namespace sanad::assistant
