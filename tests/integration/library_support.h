#pragma once
// Library helpers for integration tests: multipart bodies for uploads, and waiting
// for a condition with a deadline.

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace sanad::testing {

// The boundary multipart_body() uses, for the Content-Type header.
inline constexpr char kMultipartBoundary[] = "----sanad-test-boundary-7f3a";

// A multipart/form-data body with `fields` and one `file` part.
std::string multipart_body(const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& file_name, const std::string& content);

// Polls `condition` (every 20 ms) until it holds or `timeout` passes; returns its
// last value.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace sanad::testing
