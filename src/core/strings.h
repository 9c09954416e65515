#pragma once
// Small ASCII string helpers. Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace sanad::core {

std::string ascii_lower(std::string_view s);
std::string_view trim(std::string_view s);
// Splits on every `sep`; keeps empty parts ("a,,b" -> "a", "", "b").
std::vector<std::string_view> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool iequals(std::string_view a, std::string_view b);
// Escapes a string for inclusion inside a JSON string literal (no quotes added).
std::string json_escape(std::string_view s);

}  // namespace sanad::core
