#include "http/stream_runner.h"

#include <exception>

namespace sanad::http {

void StreamRunner::reap_locked() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->done->load(std::memory_order_acquire)) {
      it->thread.join();
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

bool StreamRunner::start(std::shared_ptr<StreamChannel> channel, StreamProducer producer) {
  std::lock_guard lock(mutex_);
  if (stopped_) {
    channel->cancel();
    return false;
  }
  reap_locked();
  auto done = std::make_shared<std::atomic<bool>>(false);
  Entry entry{std::thread(), channel, done};
  entry.thread = std::thread([this, channel, done, producer = std::move(producer)] {
    try {
      producer(*channel);
    } catch (const std::exception& e) {
      logger_.error("stream producer threw", {{"error", e.what()}});
    } catch (...) {
      logger_.error("stream producer threw");
    }
    channel->close();
    done->store(true, std::memory_order_release);
  });
  entries_.push_back(std::move(entry));
  return true;
}

void StreamRunner::stop() {
  std::list<Entry> entries;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    entries.swap(entries_);
  }
  for (auto& e : entries) e.channel->cancel();
  for (auto& e : entries) {
    if (e.thread.joinable()) e.thread.join();
  }
}

}  // namespace sanad::http
