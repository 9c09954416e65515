#pragma once
// Tolerant accessors for provider JSON: a missing or mistyped field yields an
// empty value instead of an exception (provider replies are untrusted input).
// Internal to the llm module. Pure functions; thread-safe.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sanad::llm {

// obj[key] when obj is an object holding key, else an empty object.
inline nlohmann::json json_child(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return nlohmann::json::object();
  auto it = obj.find(key);
  return it != obj.end() ? *it : nlohmann::json::object();
}

// obj[key] when it is a string, else "".
inline std::string json_string(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// obj[key] when it is an integer, else `fallback`.
inline int64_t json_int(const nlohmann::json& obj, const char* key, int64_t fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  return it != obj.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

}  // namespace sanad::llm
