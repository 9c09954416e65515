#include "http/path.h"

namespace sanad::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

Result<std::string> percent_decode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return invalid_argument("malformed percent-escape");
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return invalid_argument("malformed percent-escape");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::string> normalize_path(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return invalid_argument("request target must be an absolute path");
  }
  std::string out;
  out.reserve(target.size());
  size_t pos = 1;
  while (pos <= target.size()) {
    size_t end = target.find('/', pos);
    if (end == std::string_view::npos) end = target.size();
    std::string_view segment = target.substr(pos, end - pos);
    pos = end + 1;
    if (size_t semi = segment.find(';'); semi != std::string_view::npos) {
      segment = segment.substr(0, semi);
    }
    if (segment.empty()) continue;
    std::string decoded;
    if (segment.find('%') == std::string_view::npos) {
      decoded.assign(segment);
    } else {
      auto r = percent_decode(segment, false);
      if (!r.is_ok()) return r.status();
      decoded = std::move(r).value();
    }
    for (char c : decoded) {
      if (c == '/' || c == '\\' || is_control(static_cast<unsigned char>(c))) {
        return invalid_argument("path contains a forbidden character");
      }
    }
    if (decoded == "." || decoded == "..") {
      return invalid_argument("path contains a dot segment");
    }
    out.push_back('/');
    out += decoded;
  }
  if (out.empty()) out = "/";
  return out;
}

Result<std::map<std::string, std::string>> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    size_t end = query.find('&', pos);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(pos, end - pos);
    pos = end + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    auto k = percent_decode(key, true);
    if (!k.is_ok()) return k.status();
    auto v = percent_decode(value, true);
    if (!v.is_ok()) return v.status();
    out[std::move(k).value()] = std::move(v).value();
  }
  return out;
}

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 1;
  while (pos < path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    if (end > pos) out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace sanad::http
