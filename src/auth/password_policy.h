#pragma once
// What a new password must satisfy: 8 to 256 Unicode code points of valid UTF-8,
// and not in a list of common passwords (compared case-insensitively).
//
// The list is Debian's john-data /usr/share/john/password.lst by default (installed
// by scripts/apt/build.auth.txt), loaded once at start into a hash set. Whether a
// missing list is fatal is the caller's decision (see README.md): production
// requires it; development runs without it and logs a warning.
// A PasswordPolicy is immutable after construction and thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/log.h"
#include "core/status.h"

namespace sanad::auth {

inline constexpr std::string_view kDefaultCommonPasswordList = "/usr/share/john/password.lst";

// A set of common passwords, lower-cased (ASCII letters). Lines starting with
// "#!comment:" (john's header) and empty lines are skipped; CR is trimmed.
class CommonPasswords {
 public:
  CommonPasswords() = default;  // empty: nothing is rejected
  // kNotFound when the file cannot be opened; kInvalidArgument when it holds no entry.
  static Result<CommonPasswords> load(const std::string& path);
  static CommonPasswords from_lines(std::string_view text);

  bool contains(std::string_view password) const;
  size_t size() const noexcept { return entries_.size(); }

 private:
  std::unordered_set<std::string> entries_;
};

struct PasswordPolicyOptions {
  size_t min_code_points = 8;
  size_t max_code_points = 256;
};

class PasswordPolicy {
 public:
  explicit PasswordPolicy(CommonPasswords common, PasswordPolicyOptions options = {})
      : common_(std::move(common)), options_(options) {}

  // OK, or kInvalidArgument with a message fit to show the user (never echoes the password).
  Status check(std::string_view password) const;

  const CommonPasswords& common() const noexcept { return common_; }

 private:
  CommonPasswords common_;
  PasswordPolicyOptions options_;
};

// The policy as the server starts it. When the list at `path` cannot be loaded:
// with `list_required` (production) kFailedPrecondition naming the file and the
// package to install; without it (development) a warning is logged and the policy
// runs without a list.
Result<PasswordPolicy> load_password_policy(bool list_required, const std::string& path, core::Logger& log);

// Number of code points in `text`, or kInvalidArgument when it is not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
Result<size_t> count_code_points(std::string_view text);

}  // namespace sanad::auth
