#include "llm/sse_parser.h"

#include <utility>

namespace sanad::llm {

SseParser::SseParser(Handler handler, size_t max_event_bytes)
    : handler_(std::move(handler)), max_event_bytes_(max_event_bytes) {}

bool SseParser::has_partial_event() const {
  return !line_.empty() || has_fields_;
}

bool SseParser::feed(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    // Lines end with CRLF, LF or CR (the SSE grammar allows all three).
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      skip_lf_ = (c == '\r');
      std::string line = std::move(line_);
      line_.clear();
      if (!process_line(line)) return false;
      continue;
    }
    line_.push_back(c);
    if (line_.size() + current_.data.size() > max_event_bytes_) {
      overflowed_ = true;
      return false;
    }
  }
  return true;
}

bool SseParser::process_line(std::string_view line) {
  if (line.empty()) return dispatch();
  if (line.front() == ':') return true;  // comment / keep-alive
  std::string_view field = line;
  std::string_view value;
  if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  has_fields_ = true;
  if (field == "event") {
    current_.event.assign(value);
  } else if (field == "data") {
    if (has_data_) current_.data.push_back('\n');
    current_.data.append(value);
    has_data_ = true;
    if (current_.data.size() > max_event_bytes_) {
      overflowed_ = true;
      return false;
    }
  }
  // "id" and "retry" are not used by either provider; ignored.
  return true;
}

bool SseParser::dispatch() {
  bool had_data = has_data_;
  SseEvent event = std::move(current_);
  current_ = SseEvent{};
  has_data_ = false;
  has_fields_ = false;
  if (!had_data) return true;  // per the SSE rules, an event without data is dropped
  return handler_(event);
}

}  // namespace sanad::llm
