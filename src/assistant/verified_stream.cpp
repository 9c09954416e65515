#include "assistant/verified_stream.h"

#include <chrono>

#include "core/clock.h"
#include "llm/markdown_sanitizer.h"

namespace sanad::assistant {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

}  // namespace

size_t VerifiedStream::safe_prefix() const {
  // Scan the buffered text keeping track of what is open; remember the last
  // boundary at which nothing is.
  size_t safe = 0;
  int square = 0;
  int round = 0;
  bool straight_quote = false;
  int guillemets = 0;
  int curly = 0;
  bool backtick = false;
  bool fence = false;
  const std::string& s = pending_;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool line_start = i == 0 || s[i - 1] == '\n';
    if (line_start && s.compare(i, 3, "```") == 0) {
      fence = !fence;
      i += 2;
      continue;
    }
    if (fence) continue;
    if (c == '`') backtick = !backtick;
    if (backtick) continue;
    if (c == '[') ++square;
    else if (c == ']' && square > 0) --square;
    else if (c == '(') ++round;
    else if (c == ')' && round > 0) --round;
    else if (c == '"') straight_quote = !straight_quote;
    else if (s.compare(i, 2, "\xC2\xAB") == 0) ++guillemets;
    else if (s.compare(i, 2, "\xC2\xBB") == 0 && guillemets > 0) --guillemets;
    else if (s.compare(i, 3, "\xE2\x80\x9C") == 0) ++curly;
    else if (s.compare(i, 3, "\xE2\x80\x9D") == 0 && curly > 0) --curly;
    bool closed = square == 0 && round == 0 && !straight_quote && guillemets == 0 && curly == 0;
    if (!closed) continue;
    if (c == '\n') {
      safe = i + 1;
    } else if ((c == '.' || c == '!' || c == '?') && i + 1 < s.size() && s[i + 1] == ' ') {
      // A citation right after the sentence end (". [2]") belongs to it: wait.
      size_t j = i + 1;
      while (j < s.size() && s[j] == ' ') ++j;
      if (j < s.size() && s[j] != '[') safe = i + 1;
    }
  }
  return safe;
}

bool VerifiedStream::on_delta(std::string_view text) {
  if (stopped_) return false;
  pending_.append(text);
  size_t n = safe_prefix();
  if (n == 0) return true;
  std::string piece = pending_.substr(0, n);
  pending_.erase(0, n);
  return process(piece);
}

bool VerifiedStream::flush() {
  if (stopped_) return false;
  std::string piece = std::move(pending_);
  pending_.clear();
  return piece.empty() || process(piece);
}

bool VerifiedStream::process(std::string_view piece) {
  auto started = std::chrono::steady_clock::now();
  // Sanitise the core of the piece only: leading spaces would otherwise read as
  // an indented code block, and the sanitiser may trim what surrounds the text.
  size_t lead = 0;
  while (lead < piece.size() && is_space(piece[lead])) ++lead;
  size_t trail = piece.size();
  while (trail > lead && is_space(piece[trail - 1])) --trail;
  std::string out(piece.substr(0, lead));
  if (trail > lead) {
    llm::CitationCheck check = llm::verify_citations(piece.substr(lead, trail - lead), sources_);
    removed_ += check.removed.size();
    for (auto& c : check.citations) {
      if (seen_.insert({c.n, c.quote}).second) citations_.push_back(std::move(c));
    }
    out += llm::sanitize_markdown(check.text);
  }
  out.append(piece.substr(trail));
  verify_ms_ += core::ms_since(started);
  if (out.empty()) return true;
  text_ += out;
  if (!emit_(out)) stopped_ = true;
  return !stopped_;
}

}  // namespace sanad::assistant
