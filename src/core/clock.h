#pragma once
// Wall-clock time as stored in the database (milliseconds since the Unix epoch)
// and as shown in the API (ISO 8601 UTC). Thread-safe.

#include <chrono>
#include <cstdint>
#include <string>

namespace sanad::core {

int64_t now_ms();
// "2026-11-21T10:02:03.456Z"
std::string iso8601_ms(int64_t epoch_ms);

// Milliseconds elapsed since `start` on the steady clock (stage timings).
inline double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace sanad::core
