#include "llm/citation_verifier.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "core/strings.h"
#include "llm/match_text.h"

namespace sanad::llm {
namespace {

struct Group {  // one "[1]" or "[1, 2]" in the answer
  size_t begin = 0;
  size_t end = 0;
  std::vector<int> numbers;
  std::vector<std::string> quotes;  // quotations attributed to this group
};

struct Quote {
  size_t begin = 0;  // after the opening mark
  size_t end = 0;    // at the closing mark
  size_t after = 0;  // just past the closing mark
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Parses "[1]", "[1, 2]", "[1,2,3]" at `i` (which holds '['); nullopt otherwise.
std::optional<Group> parse_group(std::string_view s, size_t i) {
  Group g;
  g.begin = i;
  size_t j = i + 1;
  while (true) {
    while (j < s.size() && s[j] == ' ') ++j;
    size_t start = j;
    int value = 0;
    while (j < s.size() && is_digit(s[j]) && j - start < 4) value = value * 10 + (s[j++] - '0');
    if (j == start) return std::nullopt;
    g.numbers.push_back(value);
    while (j < s.size() && s[j] == ' ') ++j;
    if (j < s.size() && s[j] == ',') {
      ++j;
      continue;
    }
    if (j < s.size() && s[j] == ']') break;
    return std::nullopt;
  }
  g.end = j + 1;
  // "[1](url)" is a markdown link and "![1]" an image, not citations.
  if (g.end < s.size() && s[g.end] == '(') return std::nullopt;
  if (i > 0 && s[i - 1] == '!') return std::nullopt;
  return g;
}

std::vector<Group> find_groups(std::string_view s) {
  std::vector<Group> groups;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '[') continue;
    if (auto g = parse_group(s, i)) {
      groups.push_back(*g);
      i = g->end - 1;
    }
  }
  return groups;
}

// Quotations: "...", «...», “...”. Straight quotes pair up in order.
std::vector<Quote> find_quotes(std::string_view s) {
  struct Mark {
    std::string_view open, close;
  };
  static constexpr Mark kMarks[] = {{"\"", "\""}, {"\xC2\xAB", "\xC2\xBB"}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}};
  std::vector<Quote> quotes;
  for (const Mark& m : kMarks) {
    size_t pos = 0;
    while ((pos = s.find(m.open, pos)) != std::string_view::npos) {
      size_t content = pos + m.open.size();
      size_t close = s.find(m.close, content);
      if (close == std::string_view::npos) break;
      quotes.push_back({content, close, close + m.close.size()});
      pos = close + m.close.size();
    }
  }
  std::sort(quotes.begin(), quotes.end(), [](const Quote& a, const Quote& b) { return a.begin < b.begin; });
  return quotes;
}

bool ends_sentence(std::string_view s, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    char c = s[i];
    if (c == '.' || c == '!' || c == '?' || c == '\n') return true;
    if (s.substr(i).starts_with("\xD8\x9F")) return true;  // Arabic question mark
  }
  return false;
}

// Only spaces between two markers.
bool adjacent(std::string_view s, const Group& a, const Group& b) {
  for (size_t i = a.end; i < b.begin; ++i) {
    if (s[i] != ' ') return false;
  }
  return true;
}

std::string render_group(const std::vector<int>& numbers) {
  std::string out = "[";
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(numbers[i]);
  }
  return out + "]";
}

}  // namespace

CitationCheck verify_citations(std::string_view answer, const std::map<int, std::string>& sources) {
  std::vector<Group> groups = find_groups(answer);
  // Attribute each quotation to the first citation after it in the same sentence.
  for (const Quote& q : find_quotes(answer)) {
    std::string quote(core::trim(answer.substr(q.begin, q.end - q.begin)));
    for (size_t k = 0; k < groups.size(); ++k) {
      if (groups[k].begin < q.after) continue;
      if (ends_sentence(answer, q.after, groups[k].begin)) break;
      // "[1][2]" or "[1] [2]": the whole run of adjacent markers carries the quote.
      groups[k].quotes.push_back(quote);
      while (k + 1 < groups.size() && adjacent(answer, groups[k], groups[k + 1])) {
        groups[++k].quotes.push_back(quote);
      }
      break;
    }
  }

  std::map<int, MatchText> matchers;
  auto matcher = [&](int n) -> const MatchText& {
    auto it = matchers.find(n);
    if (it == matchers.end()) it = matchers.emplace(n, MatchText(sources.at(n))).first;
    return it->second;
  };

  CitationCheck check;
  std::set<std::pair<int, std::string>> seen;
  std::string out;
  size_t copied = 0;
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    std::vector<int> kept;
    for (int n : g.numbers) {
      if (sources.find(n) == sources.end()) {
        check.removed.push_back({n, "unknown source"});
        continue;
      }
      std::vector<VerifiedCitation> found;
      bool all_found = true;
      for (const std::string& quote : g.quotes) {
        std::optional<MatchText::Span> span = matcher(n).find(quote);
        if (!span) {
          all_found = false;
          break;
        }
        const std::string& src = sources.at(n);
        found.push_back({n, quote, span->begin, span->end, utf8_char_count(src, span->begin),
                         utf8_char_count(src, span->end)});
      }
      if (!all_found) {
        check.removed.push_back({n, "quote not found in source"});
        continue;
      }
      if (found.empty()) found.push_back({n, "", 0, 0, 0, 0});
      kept.push_back(n);
      for (VerifiedCitation& c : found) {
        if (seen.emplace(c.n, c.quote).second) check.citations.push_back(std::move(c));
      }
    }
    if (kept.size() == g.numbers.size()) continue;  // unchanged: copied verbatim below
    size_t cut = g.begin;
    if (kept.empty() && !(gi + 1 < groups.size() && groups[gi + 1].begin == g.end)) {
      // Drop the whole marker and the spaces that introduced it.
      while (cut > copied && answer[cut - 1] == ' ') --cut;
    }
    out.append(answer.substr(copied, cut - copied));
    if (!kept.empty()) out += render_group(kept);
    copied = g.end;
  }
  out.append(answer.substr(copied));
  check.text = std::move(out);
  // A source cited without a quote somewhere and with one elsewhere needs no bare entry.
  std::set<int> quoted;
  for (const VerifiedCitation& c : check.citations) {
    if (!c.quote.empty()) quoted.insert(c.n);
  }
  std::erase_if(check.citations,
                [&](const VerifiedCitation& c) { return c.quote.empty() && quoted.count(c.n) > 0; });
  return check;
}

}  // namespace sanad::llm
