#include "http/metrics.h"

#include <cstdio>
#include <unistd.h>

#include "http/router.h"

namespace sanad::http {

namespace {
constexpr size_t kStatusMin = 100;
constexpr size_t kStatusCount = 500;  // 100..599

size_t method_index(std::string_view method) {
  for (size_t i = 0; i + 1 < HttpMetrics::kMethods.size(); ++i) {
    if (HttpMetrics::kMethods[i] == method) return i;
  }
  return HttpMetrics::kMethods.size() - 1;
}

std::string escape_label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void append_double(std::string& out, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  out += buf;
}
}  // namespace

struct HttpMetrics::Slot {
  std::string name;
  std::array<std::atomic<uint64_t>, kMethods.size() * kStatusCount> counts{};
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // last is +Inf
  std::atomic<uint64_t> sum_ns{0};
  std::atomic<uint64_t> count{0};
};

HttpMetrics::HttpMetrics() = default;
HttpMetrics::~HttpMetrics() = default;

void HttpMetrics::set_routes(const Router& router) {
  slots_.clear();
  for (const auto& route : router.routes()) {
    slots_.push_back(std::make_unique<Slot>());
    slots_.back()->name = route->options.name;
  }
  slots_.push_back(std::make_unique<Slot>());
  slots_.back()->name = router.fallback() ? router.fallback()->options.name : "fallback";
  slots_.push_back(std::make_unique<Slot>());
  slots_.back()->name = "unmatched";
}

void HttpMetrics::record(size_t route_index, std::string_view method, int status,
                         std::chrono::nanoseconds duration) {
  if (slots_.empty()) return;
  if (route_index >= slots_.size()) route_index = unmatched_index();
  Slot& slot = *slots_[route_index];
  size_t s = status >= 100 && status <= 599 ? static_cast<size_t>(status) - kStatusMin : 500 - kStatusMin;
  slot.counts[method_index(method) * kStatusCount + s].fetch_add(1, std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(duration).count();
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  slot.buckets[b].fetch_add(1, std::memory_order_relaxed);
  slot.sum_ns.fetch_add(static_cast<uint64_t>(duration.count()), std::memory_order_relaxed);
  slot.count.fetch_add(1, std::memory_order_relaxed);
}

void HttpMetrics::add_collector(Collector collector) {
  std::lock_guard lock(collectors_mutex_);
  collectors_.push_back(std::move(collector));
}

std::string HttpMetrics::render() const {
  std::string out;
  out.reserve(4096);
  out += "# HELP sanad_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE sanad_http_requests_total counter\n";
  for (const auto& slot : slots_) {
    std::string route = escape_label(slot->name);
    for (size_t m = 0; m < kMethods.size(); ++m) {
      for (size_t s = 0; s < kStatusCount; ++s) {
        uint64_t v = slot->counts[m * kStatusCount + s].load(std::memory_order_relaxed);
        if (v == 0) continue;
        out += "sanad_http_requests_total{route=\"" + route + "\",method=\"" + std::string(kMethods[m]) +
               "\",status=\"" + std::to_string(s + kStatusMin) + "\"} " + std::to_string(v) + "\n";
      }
    }
  }
  out += "# HELP sanad_http_request_duration_seconds Time to produce a response, by route.\n";
  out += "# TYPE sanad_http_request_duration_seconds histogram\n";
  for (const auto& slot : slots_) {
    uint64_t count = slot->count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    std::string route = escape_label(slot->name);
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += slot->buckets[b].load(std::memory_order_relaxed);
      out += "sanad_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"";
      if (b < kBuckets.size()) {
        append_double(out, kBuckets[b]);
      } else {
        out += "+Inf";
      }
      out += "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "sanad_http_request_duration_seconds_sum{route=\"" + route + "\"} ";
    append_double(out, static_cast<double>(slot->sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += "\nsanad_http_request_duration_seconds_count{route=\"" + route + "\"} " + std::to_string(cumulative) +
           "\n";
  }
  out += "# HELP sanad_http_in_flight_requests Requests being handled now.\n";
  out += "# TYPE sanad_http_in_flight_requests gauge\n";
  out += "sanad_http_in_flight_requests " + std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";
  out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n";
  out += "# TYPE process_resident_memory_bytes gauge\n";
  out += "process_resident_memory_bytes " + std::to_string(resident_memory_bytes()) + "\n";
  std::lock_guard lock(collectors_mutex_);
  for (const auto& c : collectors_) c(out);
  return out;
}

void add_metrics_route(Router& router, HttpMetrics& metrics) {
  RouteOptions options;
  options.name = "metrics";
  options.dispatch = Dispatch::kInline;
  router.add(
      "GET", "/metrics",
      [&metrics](Request&) {
        return Response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
      },
      std::move(options));
}

uint64_t resident_memory_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long long size = 0;
  unsigned long long resident = 0;
  int n = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  long page = ::sysconf(_SC_PAGESIZE);
  return resident * static_cast<uint64_t>(page > 0 ? page : 4096);
}

Middleware metrics_middleware(HttpMetrics& metrics) {
  return [&metrics](Request& req, const Next& next) {
    auto start = std::chrono::steady_clock::now();
    metrics.add_in_flight(1);
    struct Guard {
      HttpMetrics& m;
      ~Guard() { m.add_in_flight(-1); }
    } guard{metrics};
    Response res = next(req);
    size_t index = req.route != nullptr ? req.route->index : metrics.unmatched_index();
    metrics.record(index, req.method, res.status, std::chrono::steady_clock::now() - start);
    return res;
  };
}

}  // namespace sanad::http
