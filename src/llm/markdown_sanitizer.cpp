#include "llm/markdown_sanitizer.h"

#include <cctype>
#include <map>
#include <optional>
#include <vector>

#include "core/strings.h"

namespace sanad::llm {
namespace {

struct Line {
  std::string_view text;
  bool in_fence = false;  // part of a fenced code block (including its fences)
};

std::vector<Line> split_lines(std::string_view s) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back({s.substr(start), false});
      break;
    }
    lines.push_back({s.substr(start, end - start + 1), false});
    start = end + 1;
  }
  // Mark fenced code blocks (``` or ~~~, up to three spaces of indent).
  std::string fence;
  for (Line& line : lines) {
    std::string_view t = line.text;
    size_t indent = 0;
    while (indent < t.size() && indent < 3 && t[indent] == ' ') ++indent;
    std::string_view rest = t.substr(indent);
    if (fence.empty()) {
      if (rest.starts_with("```") || rest.starts_with("~~~")) {
        size_t n = 0;
        while (n < rest.size() && rest[n] == rest[0]) ++n;
        fence.assign(n, rest[0]);
        line.in_fence = true;
      }
    } else {
      line.in_fence = true;
      if (rest.starts_with(fence)) fence.clear();
    }
  }
  return lines;
}

std::string lower_label(std::string_view label) {
  std::string out;
  bool space = false;
  for (char c : core::trim(label)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// "[label]: url ..." at the start of a line (up to three spaces of indent).
std::optional<std::pair<std::string, std::string>> parse_definition(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || line[i] != '[') return std::nullopt;
  size_t close = line.find("]:", i);
  if (close == std::string_view::npos || close == i + 1) return std::nullopt;
  std::string_view label = line.substr(i + 1, close - i - 1);
  if (label.find(']') != std::string_view::npos || label.starts_with("^")) return std::nullopt;
  std::string_view rest = core::trim(line.substr(close + 2));
  if (rest.starts_with('<')) {
    size_t gt = rest.find('>');
    rest = gt == std::string_view::npos ? rest.substr(1) : rest.substr(1, gt - 1);
  } else if (size_t sp = rest.find_first_of(" \t"); sp != std::string_view::npos) {
    rest = rest.substr(0, sp);
  }
  return std::make_pair(lower_label(label), std::string(rest));
}

// Index just past the ']' matching the '[' at `open`, or npos.
size_t match_bracket(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '[') ++depth;
    if (s[i] == ']' && --depth == 0) return i + 1;
    if (s[i] == '\n' && i + 1 < s.size() && s[i + 1] == '\n') return std::string_view::npos;
  }
  return std::string_view::npos;
}

// Index just past the ')' matching the '(' at `open`, or npos.
size_t match_paren(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return i + 1;
    if (s[i] == '\n') return std::string_view::npos;
  }
  return std::string_view::npos;
}

// The destination of "(url "title")", without angle brackets and title.
std::string link_destination(std::string_view inside) {
  inside = core::trim(inside);
  if (inside.starts_with('<')) {
    size_t gt = inside.find('>');
    return std::string(gt == std::string_view::npos ? inside.substr(1) : inside.substr(1, gt - 1));
  }
  size_t sp = inside.find_first_of(" \t\n");
  return std::string(sp == std::string_view::npos ? inside : inside.substr(0, sp));
}

class Sanitizer {
 public:
  Sanitizer(const SanitizeOptions& options, std::map<std::string, std::string> definitions)
      : options_(options), definitions_(std::move(definitions)) {}

  // Sanitises a run of ordinary (non-fenced) markdown.
  std::string run(std::string_view s) const {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      if (c == '\\' && i + 1 < s.size()) {
        // An escaped '<' must stay escaped text, never become a tag.
        if (s[i + 1] == '<') {
          out += "&lt;";
        } else {
          out.append(s.substr(i, 2));
        }
        i += 2;
        continue;
      }
      if (c == '`') {
        size_t n = 0;
        while (i + n < s.size() && s[i + n] == '`') ++n;
        std::string ticks(n, '`');
        size_t close = s.find(ticks, i + n);
        if (close != std::string_view::npos) {
          out.append(s.substr(i, close + n - i));
          i = close + n;
        } else {
          out.append(ticks);
          i += n;
        }
        continue;
      }
      if (c == '<') {
        out += "&lt;";
        ++i;
        continue;
      }
      if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') {
        i = skip_image(s, i);
        continue;
      }
      if (c == '[') {
        if (size_t next = link(s, i, out); next != i) {
          i = next;
          continue;
        }
      }
      out += c;
      ++i;
    }
    return out;
  }

 private:
  // Removes "![alt](...)", "![alt][ref]", "![alt][]" and "![ref]"; returns the
  // index after it.
  size_t skip_image(std::string_view s, size_t bang) const {
    size_t after = match_bracket(s, bang + 1);
    if (after == std::string_view::npos) return bang + 2;  // drop the "![" opener
    if (after < s.size() && s[after] == '(') {
      size_t end = match_paren(s, after);
      return end == std::string_view::npos ? after : end;
    }
    if (after < s.size() && s[after] == '[') {
      size_t end = match_bracket(s, after);
      return end == std::string_view::npos ? after : end;
    }
    return after;
  }

  // Rewrites a link at `open`; returns `open` when it is not a link.
  size_t link(std::string_view s, size_t open, std::string& out) const {
    size_t after = match_bracket(s, open);
    if (after == std::string_view::npos) return open;
    std::string_view label = s.substr(open + 1, after - open - 2);
    std::optional<std::string> url;
    size_t end = after;
    if (after < s.size() && s[after] == '(') {
      size_t close = match_paren(s, after);
      if (close == std::string_view::npos) return open;
      url = link_destination(s.substr(after + 1, close - after - 2));
      end = close;
    } else if (after < s.size() && s[after] == '[') {
      size_t close = match_bracket(s, after);
      if (close == std::string_view::npos) return open;
      std::string_view ref = s.substr(after + 1, close - after - 2);
      auto it = definitions_.find(lower_label(ref.empty() ? label : ref));
      if (it == definitions_.end()) return open;
      url = it->second;
      end = close;
    } else {
      // "[1]" is a citation, never a shortcut reference (whatever a definition says).
      if (label.find_first_not_of("0123456789, ") == std::string_view::npos) return open;
      auto it = definitions_.find(lower_label(label));
      if (it == definitions_.end()) return open;  // plain brackets
      url = it->second;
    }
    std::string text = run(label);
    std::string target(core::trim(*url));
    if (!is_allowed_link_url(target)) {
      out += text;
      return end;
    }
    // Parentheses, spaces and angle brackets cannot break out of the rendering.
    std::string safe;
    for (char ch : target) {
      if (ch == ' ')
        safe += "%20";
      else if (ch == '(')
        safe += "%28";
      else if (ch == ')')
        safe += "%29";
      else if (ch == '<')
        safe += "%3C";
      else if (ch == '>')
        safe += "%3E";
      else
        safe += ch;
    }
    if (options_.keep_link_markup) {
      out += "[" + text + "](" + safe + ")";
    } else if (core::trim(text) == target || text.empty()) {
      out += safe;
    } else {
      out += text + " (" + safe + ")";
    }
    return end;
  }

  const SanitizeOptions& options_;
  std::map<std::string, std::string> definitions_;
};

}  // namespace

bool is_allowed_link_url(std::string_view url) {
  std::string u = core::ascii_lower(core::trim(url));
  for (char c : u) {
    if (static_cast<unsigned char>(c) < 0x20) return false;  // "java\tscript:" tricks
  }
  return u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:");
}

std::string sanitize_markdown(std::string_view markdown, const SanitizeOptions& options) {
  std::vector<Line> lines = split_lines(markdown);
  std::map<std::string, std::string> definitions;
  std::vector<bool> is_definition(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].in_fence) continue;
    if (auto d = parse_definition(lines[i].text)) {
      definitions.emplace(d->first, d->second);
      is_definition[i] = true;
    }
  }
  Sanitizer sanitizer(options, std::move(definitions));
  std::string out;
  std::string run;
  auto flush = [&] {
    out += sanitizer.run(run);
    run.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    if (is_definition[i]) continue;  // resolved inline; images' definitions vanish
    if (lines[i].in_fence) {
      flush();
      out.append(lines[i].text);
    } else {
      run.append(lines[i].text);
    }
  }
  flush();
  return out;
}

}  // namespace sanad::llm
