#pragma once
// A snapshot of configuration variables: the process environment, optionally
// merged with a `.env` file. Plain values, safe to copy and share read-only.

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::core {

class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string> vars) : vars_(std::move(vars)) {}
  Environment(std::initializer_list<std::pair<const std::string, std::string>> vars) : vars_(vars) {}

  // The variables of the running process (environ).
  static Environment from_process();

  // Returns the value, or nullopt when unset. An empty value counts as set.
  std::optional<std::string> get(std::string_view name) const;
  std::string get_or(std::string_view name, std::string_view fallback) const;
  void set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }

  // Adds the variables of `other` that this snapshot does not already have:
  // the process environment always wins over a .env file.
  void merge_missing(const Environment& other);

  const std::map<std::string, std::string>& vars() const { return vars_; }

 private:
  std::map<std::string, std::string> vars_;
};

// Parses `.env` text: `NAME=value` lines, `#` comments, optional `export `,
// single or double quotes (double quotes understand \n, \" and \\).
// Errors name the line number.
Result<Environment> parse_dotenv(std::string_view text);

// Reads and parses a .env file; a missing file is an empty Environment.
Result<Environment> read_dotenv_file(const std::string& path);

}  // namespace sanad::core
