#include "core/environment.h"

#include <cctype>
#include <fstream>
#include <sstream>

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace sanad::core {

Environment Environment::from_process() {
  std::map<std::string, std::string> vars;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view kv(*entry);
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    vars.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return Environment(std::move(vars));
}

std::optional<std::string> Environment::get(std::string_view name) const {
  auto it = vars_.find(std::string(name));
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

std::string Environment::get_or(std::string_view name, std::string_view fallback) const {
  auto value = get(name);
  return value ? *value : std::string(fallback);
}

void Environment::merge_missing(const Environment& other) {
  for (const auto& [name, value] : other.vars_) vars_.emplace(name, value);
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool valid_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

Result<std::string> parse_value(std::string_view raw, int line_no) {
  raw = trim(raw);
  if (raw.empty()) return std::string();
  char quote = raw.front();
  if (quote == '"' || quote == '\'') {
    auto close = raw.find(quote, 1);
    // A double-quoted value may contain escaped quotes: find the real end.
    if (quote == '"') {
      close = std::string_view::npos;
      for (size_t i = 1; i < raw.size(); ++i) {
        if (raw[i] == '\\') { ++i; continue; }
        if (raw[i] == '"') { close = i; break; }
      }
    }
    if (close == std::string_view::npos) {
      return invalid_argument("line " + std::to_string(line_no) + ": unterminated quoted value");
    }
    auto rest = trim(raw.substr(close + 1));
    if (!rest.empty() && rest.front() != '#') {
      return invalid_argument("line " + std::to_string(line_no) + ": text after the closing quote");
    }
    std::string_view inner = raw.substr(1, close - 1);
    if (quote == '\'') return std::string(inner);
    std::string out;
    for (size_t i = 0; i < inner.size(); ++i) {
      if (inner[i] == '\\' && i + 1 < inner.size()) {
        char next = inner[++i];
        out += next == 'n' ? '\n' : next;
      } else {
        out += inner[i];
      }
    }
    return out;
  }
  // Unquoted: an inline comment starts at " #".
  auto hash = raw.find(" #");
  if (hash != std::string_view::npos) raw = trim(raw.substr(0, hash));
  return std::string(raw);
}

}  // namespace

Result<Environment> parse_dotenv(std::string_view text) {
  Environment env;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    if (line.starts_with("export ")) line = trim(line.substr(7));
    auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      return invalid_argument("line " + std::to_string(line_no) + ": expected NAME=value");
    }
    auto name = trim(line.substr(0, eq));
    if (!valid_name(name)) {
      return invalid_argument("line " + std::to_string(line_no) + ": invalid variable name '" +
                              std::string(name) + "'");
    }
    auto value = parse_value(line.substr(eq + 1), line_no);
    if (!value) return value.status();
    env.set(std::string(name), std::move(value).value());
    if (end == text.size()) break;
  }
  return env;
}

Result<Environment> read_dotenv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Environment();
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto env = parse_dotenv(buffer.str());
  if (!env) return env.status().with_context(path);
  return env;
}

}  // namespace sanad::core
