#pragma once
// What Sanad remembers between sending a browser to an OpenID provider and the
// provider's callback: keyed by the `state` value, holding the nonce and the PKCE
// verifier. take() returns an entry once only, so a replayed state (and with it a
// replayed nonce) is refused. Entries expire (10 minutes is typical). The interface
// lets a shared store (database, Redis) serve several instances; the memory store
// serves one. Implementations are thread-safe.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace sanad::auth {

struct PendingLogin {
  std::string provider;       // provider name, checked against the callback's
  std::string nonce;
  std::string code_verifier;  // PKCE secret
  std::string redirect_after; // where the web app goes after sign-in (validated by the caller)
  int64_t expires_at_ms = 0;
};

class LoginStateStore {
 public:
  virtual ~LoginStateStore() = default;
  // Remembers `login` under `state` at time `now_ms`; kAlreadyExists for a duplicate
  // state, kResourceExhausted when the store is full of unexpired entries.
  virtual Status put(std::string_view state, const PendingLogin& login, int64_t now_ms) = 0;
  // Removes and returns the unexpired entry for `state`; nullopt when unknown,
  // expired or already taken.
  virtual Result<std::optional<PendingLogin>> take(std::string_view state, int64_t now_ms) = 0;
};

// In-memory LoginStateStore keyed by SHA-256 of the state, at most `max_entries`
// (expired entries are swept when it fills). One mutex.
class MemoryLoginStateStore final : public LoginStateStore {
 public:
  explicit MemoryLoginStateStore(size_t max_entries = 10'000) : max_entries_(max_entries) {}
  Status put(std::string_view state, const PendingLogin& login, int64_t now_ms) override;
  Result<std::optional<PendingLogin>> take(std::string_view state, int64_t now_ms) override;

 private:
  size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, PendingLogin> entries_;
};

}  // namespace sanad::auth
