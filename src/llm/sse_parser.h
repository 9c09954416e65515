#pragma once
// Incremental parser for the text/event-stream framing (Server-Sent Events) used
// by both provider wire formats. Bytes go in as they arrive, in pieces of any
// size; complete events come out. Not thread-safe (one per stream).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace sanad::llm {

struct SseEvent {
  std::string event;  // the "event:" field; empty when absent
  std::string data;   // "data:" lines joined with '\n'
};

class SseParser {
 public:
  // Called for each complete event; return false to stop parsing (feed() then
  // returns false and ignores the rest of its input).
  using Handler = std::function<bool(const SseEvent&)>;

  // `max_event_bytes` bounds one event's size; a longer one makes feed() fail.
  explicit SseParser(Handler handler, size_t max_event_bytes = 1 << 20);

  // Consumes `bytes`. Returns false when the handler asked to stop or an event
  // grew beyond the limit (see overflowed()).
  bool feed(std::string_view bytes);

  bool overflowed() const { return overflowed_; }
  // True when bytes of an unfinished event (or line) are pending: the stream
  // was cut in the middle of an event if it ends now.
  bool has_partial_event() const;

 private:
  bool process_line(std::string_view line);
  bool dispatch();

  Handler handler_;
  size_t max_event_bytes_;
  std::string line_;
  SseEvent current_;
  bool has_data_ = false;
  bool has_fields_ = false;
  bool skip_lf_ = false;
  bool overflowed_ = false;
};

}  // namespace sanad::llm
