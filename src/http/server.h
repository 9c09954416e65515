#pragma once
// The HTTP server: accepts connections on N I/O threads, parses requests with
// Beast, runs the middleware pipeline and router (inline or on the handler pool,
// per route), and writes responses (whole or streamed).
//
// Lifetime: construct, add middleware with use(), start(), then run_until_signal()
// or shutdown(). The config, router, logger and metrics must outlive the Server.
// start()/shutdown()/run_until_signal() must be called from one controlling thread;
// port() and accepting() are thread-safe.

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/log.h"
#include "core/status.h"
#include "http/metrics.h"
#include "http/middleware.h"
#include "http/router.h"

namespace sanad::http {

struct ServerState;

class Server {
 public:
  // The standard middleware chain is installed from `config`: trusted proxies,
  // request id, metrics, access log, security headers, error mapping, Host
  // allow-list (when config.allowed_hosts is set), CORS (when origins are set).
  Server(const core::HttpConfig& config, Router& router, core::Logger& logger, HttpMetrics& metrics);
  ~Server();  // shuts down if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Adds a middleware after the standard ones (e.g. authentication). Before start().
  void use(Middleware middleware);

  // Binds bind_address:port (0 = ephemeral), starts the I/O threads and the handler
  // pool. Fails on a bad address, a busy port or an invalid trusted-proxy entry.
  Status start();
  // The bound port (after a successful start()).
  uint16_t port() const;
  // True between start() and the beginning of shutdown.
  bool accepting() const;

  // Blocks until SIGINT/SIGTERM (or shutdown() from another thread), then shuts down.
  void run_until_signal();
  // Stops accepting, closes idle keep-alive connections at once, lets in-flight
  // requests finish up to config.shutdown_timeout (then closes them), stops streams,
  // joins every thread. Idempotent.
  void shutdown();

 private:
  using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  std::shared_ptr<ServerState> state_;
  std::vector<Middleware> extra_;
  std::vector<WorkGuard> work_;
  std::mutex shutdown_mutex_;
  std::vector<std::thread> io_threads_;
  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stop_requested_ = false;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace sanad::http
