#pragma once
// Runs streaming-response producers, one dedicated thread each, so that long streams
// (chat tokens, job progress) never occupy the handler pool or an I/O thread.
// Thread-safe. stop() cancels every live channel and joins every thread.

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "core/log.h"
#include "http/stream.h"

namespace sanad::http {

class StreamRunner {
 public:
  explicit StreamRunner(core::Logger& logger) : logger_(logger) {}
  ~StreamRunner() { stop(); }
  StreamRunner(const StreamRunner&) = delete;
  StreamRunner& operator=(const StreamRunner&) = delete;

  // Starts `producer` on a new thread; the channel is closed when it returns (or
  // throws: logged). Returns false (and cancels the channel) after stop().
  bool start(std::shared_ptr<StreamChannel> channel, StreamProducer producer);
  void stop();

 private:
  struct Entry {
    std::thread thread;
    std::shared_ptr<StreamChannel> channel;
    std::shared_ptr<std::atomic<bool>> done;
  };
  void reap_locked();

  core::Logger& logger_;
  std::mutex mutex_;
  bool stopped_ = false;
  std::list<Entry> entries_;
};

}  // namespace sanad::http
