#include "auth/password_policy.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace sanad::auth {

Result<size_t> count_code_points(std::string_view text) {
  size_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    auto b0 = static_cast<uint8_t>(text[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07;
    } else {
      return invalid_argument("password is not valid UTF-8");
    }
    if (i + len > text.size()) return invalid_argument("password is not valid UTF-8");
    for (size_t k = 1; k < len; ++k) {
      auto b = static_cast<uint8_t>(text[i + k]);
      if ((b & 0xC0) != 0x80) return invalid_argument("password is not valid UTF-8");
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return invalid_argument("password is not valid UTF-8");
    }
    i += len;
    ++count;
  }
  return count;
}

CommonPasswords CommonPasswords::from_lines(std::string_view text) {
  CommonPasswords out;
  for (std::string_view line : core::split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.rfind("#!comment:", 0) == 0) continue;
    out.entries_.insert(core::ascii_lower(line));
  }
  return out;
}

Result<CommonPasswords> CommonPasswords::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return not_found("common-password list not readable: " + path);
  std::ostringstream text;
  text << in.rdbuf();
  CommonPasswords out = from_lines(text.str());
  if (out.size() == 0) return invalid_argument("common-password list is empty: " + path);
  return out;
}

bool CommonPasswords::contains(std::string_view password) const {
  return entries_.find(core::ascii_lower(password)) != entries_.end();
}

Result<PasswordPolicy> load_password_policy(bool list_required, const std::string& path, core::Logger& log) {
  auto list = CommonPasswords::load(path);
  if (list) {
    log.info("common-password list loaded", {{"path", path}, {"entries", static_cast<uint64_t>(list->size())}});
    return PasswordPolicy(std::move(list).value());
  }
  if (list_required) {
    return failed_precondition(list.status().message() +
                               " (install Debian's john-data, or point the configuration at another list)");
  }
  log.warn("common-password list not loaded; common passwords are accepted",
           {{"path", path}, {"reason", list.status().message()}});
  return PasswordPolicy(CommonPasswords{});
}

Status PasswordPolicy::check(std::string_view password) const {
  SANAD_ASSIGN_OR_RETURN(size_t n, count_code_points(password));
  if (n < options_.min_code_points) {
    return invalid_argument("password must have at least " + std::to_string(options_.min_code_points) + " characters");
  }
  if (n > options_.max_code_points) {
    return invalid_argument("password must have at most " + std::to_string(options_.max_code_points) + " characters");
  }
  if (common_.contains(password)) return invalid_argument("password is too common; choose another");
  return Status::ok();
}

}  // namespace sanad::auth
