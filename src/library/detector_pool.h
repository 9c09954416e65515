#pragma once
// Internal: reusable type detectors. Loading libmagic's database costs milliseconds,
// far more than detecting one file, and a TypeDetector may be used by one thread at
// a time; so idle detectors are kept here and lent out. Thread-safe.

#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "documents/document_type.h"

namespace sanad::library::detail {

class DetectorPool {
 public:
  // A detector, returned to the pool when the lease is destroyed.
  class Lease {
   public:
    Lease(DetectorPool& pool, std::unique_ptr<documents::TypeDetector> detector)
        : pool_(&pool), detector_(std::move(detector)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (detector_) pool_->give_back(std::move(detector_));
    }
    const documents::TypeDetector& operator*() const { return *detector_; }
    const documents::TypeDetector* operator->() const { return detector_.get(); }

   private:
    DetectorPool* pool_;
    std::unique_ptr<documents::TypeDetector> detector_;
  };

  // An idle detector, or a new one (unavailable when libmagic cannot load).
  Result<Lease> acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto detector = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(detector));
      }
    }
    SANAD_ASSIGN_OR_RETURN(auto detector, documents::TypeDetector::create());
    return Lease(*this, std::move(detector));
  }

 private:
  static constexpr std::size_t kMaxIdle = 8;
  void give_back(std::unique_ptr<documents::TypeDetector> detector) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(detector));
  }
  std::mutex mutex_;
  std::vector<std::unique_ptr<documents::TypeDetector>> idle_;
};

}  // namespace sanad::library::detail
