#pragma once
// The wall clock the auth services read, injectable so tests can move time.

#include <cstdint>
#include <functional>

#include "core/clock.h"

namespace sanad::auth {

// Returns milliseconds since the Unix epoch. Must be thread-safe when the service
// using it is shared between threads.
using TimeSource = std::function<int64_t()>;

inline TimeSource system_time() { return [] { return core::now_ms(); }; }

}  // namespace sanad::auth
