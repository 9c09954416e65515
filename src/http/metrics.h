#pragma once
// Prometheus metrics for the HTTP server (text exposition format 0.0.4):
//   sanad_http_requests_total{route,method,status}
//   sanad_http_request_duration_seconds{route} (histogram, fixed buckets)
//   sanad_http_in_flight_requests
//   process_resident_memory_bytes
// plus extra collectors registered by main (jobs by state, database pool, ...).
//
// Recording is lock-free (relaxed atomics in per-route slots sized at start-up);
// this is on the hot path. set_routes() must be called before any record()
// (Server::start() does it). add_collector() and render() are thread-safe.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/middleware.h"

namespace sanad::http {

class Router;

class HttpMetrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  // Methods with their own counters; anything else counts as "OTHER".
  static constexpr std::array<std::string_view, 8> kMethods = {"GET",    "HEAD",    "POST",  "PUT",
                                                               "PATCH",  "DELETE",  "OPTIONS", "OTHER"};

  HttpMetrics();
  ~HttpMetrics();
  HttpMetrics(const HttpMetrics&) = delete;
  HttpMetrics& operator=(const HttpMetrics&) = delete;

  // Sizes the per-route slots from the router's routes (+ fallback + "unmatched").
  // Not thread-safe: call once before serving.
  void set_routes(const Router& router);

  // Records one finished request. `route_index` is Route::index, or unmatched_index().
  void record(size_t route_index, std::string_view method, int status, std::chrono::nanoseconds duration);
  size_t unmatched_index() const { return slots_.empty() ? 0 : slots_.size() - 1; }

  void add_in_flight(int64_t delta) { in_flight_.fetch_add(delta, std::memory_order_relaxed); }

  // A collector appends complete exposition-format lines (with # TYPE) to `out`.
  using Collector = std::function<void(std::string& out)>;
  void add_collector(Collector collector);

  // The whole exposition text.
  std::string render() const;

 private:
  struct Slot;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<int64_t> in_flight_{0};
  mutable std::mutex collectors_mutex_;
  std::vector<Collector> collectors_;
};

// Counts requests and in-flight requests, and times them (until the response is
// built; for streams, until the headers are ready).
Middleware metrics_middleware(HttpMetrics& metrics);

// Adds GET /metrics (inline) serving metrics.render(). `metrics` must outlive the router.
void add_metrics_route(Router& router, HttpMetrics& metrics);

// The resident set size of this process, from /proc/self/statm (0 when unavailable).
uint64_t resident_memory_bytes();

}  // namespace sanad::http
