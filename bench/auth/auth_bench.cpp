// Costs of the sign-in primitives: Argon2id hashing and verification (alone and
// under the concurrency cap), access-token issue/verify, RS256 ID-token
// verification and a rate-limiter hit. Run: build-bench/bench/auth/auth_bench
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/access_token.h"
#include "auth/base64url.h"
#include "auth/id_token_verifier.h"
#include "auth/memory_rate_limiter.h"
#include "auth/password_hasher.h"

namespace {

using namespace sanad::auth;  // NOLINT: benchmark file

PasswordHasher make_hasher() { return std::move(PasswordHasher::create({}).value()); }

void BM_Argon2idHash(benchmark::State& state) {
  PasswordHasher hasher = make_hasher();
  for (auto _ : state) benchmark::DoNotOptimize(hasher.hash("correct horse battery staple"));
}
BENCHMARK(BM_Argon2idHash)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Argon2idVerify(benchmark::State& state) {
  PasswordHasher hasher = make_hasher();
  std::string hash = hasher.hash("correct horse battery staple").value();
  for (auto _ : state) benchmark::DoNotOptimize(hasher.verify("correct horse battery staple", hash));
}
BENCHMARK(BM_Argon2idVerify)->Unit(benchmark::kMillisecond)->UseRealTime();

// Sign-in throughput under the cap: `threads` callers verify in a loop for 3 s;
// reports verifications per second and refusals per second. A refused caller waits
// 1 ms before retrying, standing in for the 429 round trip of a real client.
void BM_SignInUnderCap(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  PasswordHasher hasher = make_hasher();
  std::string hash = hasher.hash("correct horse battery staple").value();
  for (auto _ : state) {
    std::atomic<int64_t> ok{0}, busy{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        while (!stop.load()) {
          auto r = hasher.verify("correct horse battery staple", hash);
          if (r.is_ok()) {
            ++ok;
          } else {
            ++busy;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(3));  // measurement window, not synchronisation
    stop = true;
    for (auto& w : workers) w.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.counters["verified_per_s"] = static_cast<double>(ok.load()) / seconds;
    state.counters["refused_busy_per_s"] = static_cast<double>(busy.load()) / seconds;
    state.counters["cap"] = hasher.admission().capacity();
  }
}
BENCHMARK(BM_SignInUnderCap)->Arg(1)->Arg(2)->Arg(8)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

AccessTokenService make_tokens() {
  AccessTokenOptions options;
  options.secret = std::string(48, 'k');
  return std::move(AccessTokenService::create(options).value());
}

void BM_AccessTokenIssue(benchmark::State& state) {
  AccessTokenService tokens = make_tokens();
  for (auto _ : state) benchmark::DoNotOptimize(tokens.issue("01JD8X3Q6Z9V7K2M4N5P6R7S8T"));
}
BENCHMARK(BM_AccessTokenIssue)->Unit(benchmark::kMicrosecond);

void BM_AccessTokenVerify(benchmark::State& state) {
  AccessTokenService tokens = make_tokens();
  std::string token = tokens.issue("01JD8X3Q6Z9V7K2M4N5P6R7S8T").value().token;
  for (auto _ : state) benchmark::DoNotOptimize(tokens.verify(token));
}
BENCHMARK(BM_AccessTokenVerify)->Unit(benchmark::kMicrosecond);

std::string sign_rs256(EVP_PKEY* key, const std::string& input) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  size_t len = 0;
  EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  EVP_MD_CTX_free(ctx);
  return sig;
}

void BM_IdTokenVerify(benchmark::State& state) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key, "n", &n);
  EVP_PKEY_get_bn_param(key, "e", &e);
  auto bytes = [](BIGNUM* bn) {
    std::string out(static_cast<size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    return out;
  };
  nlohmann::json jwks = {{"keys", {{{"kty", "RSA"}, {"kid", "k1"}, {"n", base64url_encode(bytes(n))},
                                    {"e", base64url_encode(bytes(e))}}}}};
  BN_free(n);
  BN_free(e);
  JwksCache cache("https://idp.example/jwks", [&](const std::string&) -> sanad::Result<std::string> { return jwks.dump(); });
  IdTokenVerifier verifier({{"https://idp.example"}, "client"}, cache);
  int64_t now = sanad::core::now_ms() / 1000;
  nlohmann::json header = {{"alg", "RS256"}, {"kid", "k1"}};
  nlohmann::json claims = {{"iss", "https://idp.example"}, {"aud", "client"}, {"sub", "42"},
                           {"iat", now}, {"exp", now + 3600}, {"nonce", "n"}};
  std::string input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
  std::string token = input + "." + base64url_encode(sign_rs256(key, input));
  for (auto _ : state) benchmark::DoNotOptimize(verifier.verify(token, "n"));
  EVP_PKEY_free(key);
}
BENCHMARK(BM_IdTokenVerify)->Unit(benchmark::kMicrosecond);

void BM_RateLimiterHit(benchmark::State& state) {
  MemoryRateLimiter limiter;
  uint64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter.hit("login:ip:10.0." + std::to_string(i++ % 5000), 5, std::chrono::minutes(15)));
  }
}
BENCHMARK(BM_RateLimiterHit)->Unit(benchmark::kNanosecond);

}  // namespace

BENCHMARK_MAIN();
