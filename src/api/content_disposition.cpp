#include "api/content_disposition.h"

namespace sanad::api {

std::string content_disposition(std::string_view disposition, std::string_view file_name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback;
  std::string encoded;
  bool ascii = true;
  for (unsigned char ch : file_name) {
    bool printable = ch >= 0x20 && ch < 0x7f;
    if (!printable) ascii = false;
    fallback += printable && ch != '"' && ch != '\\' ? static_cast<char>(ch) : '_';
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"
    bool attr = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                std::string_view("!#$&+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos;
    if (attr) {
      encoded += static_cast<char>(ch);
    } else {
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 15];
    }
  }
  if (fallback.empty()) fallback = "file";
  std::string out = std::string(disposition) + "; filename=\"" + fallback + "\"";
  if (!ascii) out += "; filename*=UTF-8''" + encoded;
  return out;
}

}  // namespace sanad::api
