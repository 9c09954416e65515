#pragma once
// A non-blocking concurrency cap: at most `capacity` permits are out at once, and
// try_acquire() never waits — it returns an empty optional when all are taken, so
// the caller can answer "busy" instead of queueing without bound. Thread-safe.
// The Admission must outlive every Permit it hands out.

#include <atomic>
#include <optional>

namespace sanad::auth {

class Admission {
 public:
  // RAII: holds one slot until destroyed. Movable, not copyable.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() {
      if (owner_ != nullptr) owner_->in_use_.fetch_sub(1, std::memory_order_release);
    }

   private:
    friend class Admission;
    explicit Permit(Admission* owner) : owner_(owner) {}
    Admission* owner_;
  };

  // capacity must be >= 1.
  explicit Admission(unsigned capacity) : capacity_(capacity) {}
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;

  std::optional<Permit> try_acquire() {
    unsigned current = in_use_.load(std::memory_order_relaxed);
    while (current < capacity_) {
      if (in_use_.compare_exchange_weak(current, current + 1, std::memory_order_acquire)) return Permit(this);
    }
    return std::nullopt;
  }

  unsigned capacity() const noexcept { return capacity_; }
  unsigned in_use() const noexcept { return in_use_.load(std::memory_order_relaxed); }

 private:
  const unsigned capacity_;
  std::atomic<unsigned> in_use_{0};
};

}  // namespace sanad::auth
