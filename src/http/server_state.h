#pragma once
// Internal: what the server's sessions share. Not part of the public API.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/config.h"
#include "core/log.h"
#include "http/handler_pool.h"
#include "http/metrics.h"
#include "http/middleware.h"
#include "http/router.h"
#include "http/stream_runner.h"

namespace sanad::http {

class Session;

struct ServerState {
  ServerState(const core::HttpConfig& c, Router& r, core::Logger& l, HttpMetrics& m)
      : config(c), router(r), logger(l), metrics(m), streams(l) {}

  const core::HttpConfig& config;
  Router& router;
  core::Logger& logger;
  HttpMetrics& metrics;
  Pipeline pipeline;
  // One io_context per I/O thread (no cross-thread locking on the hot path); each
  // session lives on one of them, chosen round-robin by the acceptor (on contexts[0]).
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
  size_t next_context = 0;  // touched only by the acceptor's completion handler
  std::optional<boost::asio::ip::tcp::acceptor> acceptor;
  // SIGINT/SIGTERM are caught from start() on, so a signal that arrives before
  // run_until_signal() is not lost (nor kills the process with the default action).
  std::optional<boost::asio::signal_set> signals;
  std::unique_ptr<HandlerPool> pool;
  StreamRunner streams;
  std::atomic<bool> accepting{false};
  std::atomic<bool> stopping{false};
  std::atomic<uint16_t> port{0};

  // Live sessions (registered on start, removed on destruction). Locked only on
  // connect/disconnect and at shutdown, never per request.
  std::mutex sessions_mutex;
  std::condition_variable sessions_cv;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
};

}  // namespace sanad::http
