#pragma once
// Streaming responses (chunked transfer; Server-Sent Events).
//
// A producer runs on a dedicated stream thread (never an I/O thread) and pushes chunks
// into a bounded StreamChannel; the session writes them to the socket as they come.
// The response ends when the producer returns (or calls close()). When the client
// disconnects, or the server shuts down, the channel is cancelled: push() returns
// false and cancelled() turns true, so the producer can stop.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace sanad::http {

// Thread-safe: one producer thread and one consumer (the session) at a time.
class StreamChannel {
 public:
  explicit StreamChannel(size_t capacity = 64) : capacity_(capacity == 0 ? 1 : capacity) {}
  StreamChannel(const StreamChannel&) = delete;
  StreamChannel& operator=(const StreamChannel&) = delete;

  // Producer side. Queues `chunk`, blocking while the channel is full. Returns false,
  // without queuing, when the channel was cancelled (client gone) or closed.
  bool push(std::string chunk);
  // Producer side. Ends the stream once the queued chunks are written. Idempotent.
  void close();
  // True once the consumer has gone (client disconnected, write failed, shutdown).
  bool cancelled() const;

  // Consumer side. Sets the callback invoked (from the producer's thread) when data or
  // the end becomes available after a try_pop() returned kEmpty.
  void set_notify(std::function<void()> notify);
  enum class Pop { kData, kEmpty, kEnd };
  // Non-blocking: moves all queued chunks (concatenated) into `out`.
  Pop try_pop(std::string& out);
  // Consumer side: the client is gone; wakes a blocked producer.
  void cancel();

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable space_;
  std::deque<std::string> queue_;
  bool closed_ = false;
  bool cancelled_ = false;
  bool consumer_waiting_ = false;
  std::function<void()> notify_;
};

// The body of a streaming response: called once on a stream thread.
using StreamProducer = std::function<void(StreamChannel&)>;

// Formats Server-Sent Events onto a channel. Not thread-safe (use from the producer).
class SseWriter {
 public:
  explicit SseWriter(StreamChannel& channel) : channel_(channel) {}
  // Sends one event; `data` may span several lines (each becomes a "data:" line).
  // Returns false when the client has gone.
  bool event(std::string_view name, std::string_view data, std::string_view id = {});
  // Sends a comment line (": text"), e.g. a keep-alive ping.
  bool comment(std::string_view text);

  // The wire form of one event: "id: ..\nevent: ..\ndata: ..\n\n" (id/event optional).
  static std::string format(std::string_view name, std::string_view data, std::string_view id = {});

 private:
  StreamChannel& channel_;
};

}  // namespace sanad::http
