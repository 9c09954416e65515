#include "accounts/housekeeping.h"

#include "core/clock.h"

namespace sanad::accounts {

Housekeeping::Housekeeping(std::vector<HousekeepingTask> tasks, std::chrono::milliseconds interval,
                           core::Logger& logger)
    : tasks_(std::move(tasks)), interval_(interval), logger_(logger) {}

Housekeeping::~Housekeeping() { stop(); }

size_t Housekeeping::run_once(int64_t now_ms) {
  size_t total = 0;
  for (const auto& task : tasks_) {
    auto removed = task.run(now_ms);
    if (!removed) {
      logger_.warn("housekeeping task failed", {{"task", task.name}, {"error", removed.status().to_string()}});
      continue;
    }
    if (*removed > 0) {
      logger_.info("housekeeping", {{"task", task.name}, {"removed", static_cast<int64_t>(*removed)}});
    }
    total += *removed;
  }
  return total;
}

void Housekeeping::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { loop(); });
}

void Housekeeping::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Housekeeping::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    run_once(core::now_ms());
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace sanad::accounts
