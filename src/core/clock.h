#pragma once
// Wall-clock time as stored in the database (milliseconds since the Unix epoch)
// and as shown in the API (ISO 8601 UTC). Thread-safe.

#include <cstdint>
#include <string>

namespace sanad::core {

int64_t now_ms();
// "2026-11-21T10:02:03.456Z"
std::string iso8601_ms(int64_t epoch_ms);

}  // namespace sanad::core
