#pragma once
// A provider's signing keys, fetched from its jwks_uri through an injected fetch
// function (so tests need no network) and cached. A token naming an unknown `kid`
// triggers a refetch — key rotation — but at most one fetch per `min_refresh_interval`
// (default one minute), so forged tokens with random kids cannot turn Sanad into an
// amplifier against the provider. Keys older than `max_age` are refetched on next use.
// Thread-safe: one mutex; a fetch runs under it, so concurrent misses share one fetch.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "auth/jwks.h"
#include "auth/time_source.h"
#include "core/status.h"

namespace sanad::auth {

// Fetches a URL's body (GET). Must be thread-safe. See http_fetch.h for the
// libcurl implementation.
using FetchFunction = std::function<Result<std::string>(const std::string& url)>;

struct JwksCacheOptions {
  std::chrono::milliseconds min_refresh_interval{60'000};
  std::chrono::milliseconds max_age{std::chrono::hours(24)};
};

class JwksCache {
 public:
  JwksCache(std::string jwks_uri, FetchFunction fetch, TimeSource now = system_time(), JwksCacheOptions options = {})
      : jwks_uri_(std::move(jwks_uri)), fetch_(std::move(fetch)), now_(std::move(now)), options_(options) {}

  // The key for `kid` ("" when the token names none: then the set must hold exactly
  // one key). Fetches when nothing is cached, the cache is older than max_age, or the
  // kid is unknown and the last fetch is older than min_refresh_interval.
  // kUnauthenticated when no such key; kUnavailable when the fetch failed and
  // nothing usable is cached.
  Result<PublicKey> key_for(std::string_view kid);

  // How many fetches were attempted (for tests and metrics).
  uint64_t fetch_count() const;

 private:
  Status refresh_locked(int64_t now);
  Result<PublicKey> lookup_locked(std::string_view kid) const;

  const std::string jwks_uri_;
  FetchFunction fetch_;
  TimeSource now_;
  JwksCacheOptions options_;

  mutable std::mutex mutex_;
  KeySet keys_;
  bool loaded_ = false;
  int64_t last_fetch_ms_ = 0;     // last attempt, successful or not
  int64_t last_success_ms_ = 0;
  uint64_t fetches_ = 0;
};

}  // namespace sanad::auth
