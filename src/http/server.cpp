#include "http/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <future>

#include "http/proxy.h"
#include "http/server_state.h"
#include "http/session.h"
#include "http/standard_middleware.h"

namespace sanad::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

void do_accept(const std::shared_ptr<ServerState>& state) {
  auto& context = *state->contexts[state->next_context++ % state->contexts.size()];
  state->acceptor->async_accept(context, [state](boost::system::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !state->acceptor->is_open()) return;
    if (!ec && !state->stopping.load()) {
      boost::system::error_code opt_ec;
      socket.set_option(tcp::no_delay(true), opt_ec);
      auto session = std::make_shared<Session>(std::move(socket), state);
      {
        std::lock_guard lock(state->sessions_mutex);
        state->sessions.emplace(session.get(), session);
      }
      session->start();
    } else if (ec) {
      state->logger.warn("accept failed", {{"error", ec.message()}});
    }
    do_accept(state);
  });
}

// Posts `fn` to every live session.
template <typename Fn>
void for_each_session(ServerState& state, Fn fn) {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(state.sessions_mutex);
    for (auto& [ptr, weak] : state.sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) fn(*s);
}

}  // namespace

Server::Server(const core::HttpConfig& config, Router& router, core::Logger& logger, HttpMetrics& metrics)
    : state_(std::make_shared<ServerState>(config, router, logger, metrics)) {}

Server::~Server() { shutdown(); }

void Server::use(Middleware middleware) { extra_.push_back(std::move(middleware)); }

uint16_t Server::port() const { return state_->port.load(); }

bool Server::accepting() const { return state_->accepting.load(); }

Status Server::start() {
  if (started_) return failed_precondition("server already started");
  const core::HttpConfig& config = state_->config;
  auto proxies = TrustedProxies::parse(config.trusted_proxies);
  if (!proxies.is_ok()) return proxies.status();

  Pipeline& p = state_->pipeline;
  p.use(trusted_proxy_middleware(std::move(proxies).value()));
  p.use(request_id_middleware());
  p.use(metrics_middleware(state_->metrics));
  p.use(access_log_middleware(state_->logger));
  p.use(security_headers_middleware());
  p.use(error_mapping_middleware());
  if (!config.allowed_hosts.empty()) p.use(host_allowlist_middleware(config.allowed_hosts));
  if (!config.cors_origins.empty()) p.use(cors_middleware(config.cors_origins, config.cors_allow_credentials));
  for (auto& m : extra_) p.use(std::move(m));
  extra_.clear();
  Router& router = state_->router;
  p.set_terminal([&router](Request& req) { return router.dispatch(req); });
  state_->metrics.set_routes(router);

  boost::system::error_code ec;
  auto address = net::ip::make_address(config.bind_address, ec);
  if (ec) return invalid_argument("SANAD_BIND: not an IP address: " + config.bind_address);
  tcp::endpoint endpoint(address, config.port);
  unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  unsigned io = config.io_threads != 0 ? config.io_threads : hw;
  unsigned handlers = config.handler_threads != 0 ? config.handler_threads : 2 * hw;
  state_->contexts.clear();
  for (unsigned i = 0; i < io; ++i) state_->contexts.push_back(std::make_unique<net::io_context>(1));
  auto& acceptor = state_->acceptor.emplace(*state_->contexts[0]);
  if (acceptor.open(endpoint.protocol(), ec); ec) return unavailable("cannot open socket: " + ec.message());
  if (acceptor.set_option(net::socket_base::reuse_address(true), ec); ec) {
    return unavailable("cannot set SO_REUSEADDR: " + ec.message());
  }
  if (acceptor.bind(endpoint, ec); ec) {
    return unavailable("cannot bind " + config.bind_address + ":" + std::to_string(config.port) + ": " +
                       ec.message());
  }
  if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec) {
    return unavailable("cannot listen: " + ec.message());
  }
  state_->port = acceptor.local_endpoint().port();

  state_->signals.emplace(*state_->contexts[0], SIGINT, SIGTERM);
  state_->pool = std::make_unique<HandlerPool>(handlers);
  for (auto& context : state_->contexts) work_.emplace_back(context->get_executor());
  state_->accepting = true;
  do_accept(state_);
  for (unsigned i = 0; i < io; ++i) {
    io_threads_.emplace_back([state = state_, i] { state->contexts[i]->run(); });
  }
  started_ = true;
  state_->logger.info("http server listening",
                      {{"address", config.bind_address}, {"port", static_cast<int>(state_->port.load())},
                       {"io_threads", io}, {"handler_threads", handlers}});
  return Status::ok();
}

void Server::run_until_signal() {
  if (!started_) return;
  auto& signals = *state_->signals;
  signals.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    state_->logger.info("signal received, shutting down", {{"signal", signal}});
    std::lock_guard lock(stop_mutex_);
    stop_requested_ = true;
    stop_cv_.notify_all();
  });
  {
    std::unique_lock lock(stop_mutex_);
    stop_cv_.wait(lock, [this] { return stop_requested_; });
  }
  boost::system::error_code ec;
  signals.cancel(ec);
  shutdown();
}

void Server::shutdown() {
  std::lock_guard shutdown_lock(shutdown_mutex_);
  {
    std::lock_guard lock(stop_mutex_);
    stop_requested_ = true;
    stop_cv_.notify_all();
  }
  if (!started_ || stopped_) return;
  stopped_ = true;
  ServerState& state = *state_;
  state.stopping = true;

  // Stop accepting: the listening socket closes, so new connections are refused.
  std::promise<void> closed;
  net::post(state.acceptor->get_executor(), [&state, &closed] {
    boost::system::error_code ec;
    state.acceptor->close(ec);
    state.accepting = false;
    closed.set_value();
  });
  closed.get_future().wait();

  for_each_session(state, [](Session& s) { s.request_shutdown(); });
  auto deadline = std::chrono::steady_clock::now() + state.config.shutdown_timeout;
  bool drained = false;
  {
    std::unique_lock lock(state.sessions_mutex);
    drained = state.sessions_cv.wait_until(lock, deadline, [&] { return state.sessions.empty(); });
  }
  if (!drained) {
    state.logger.warn("shutdown deadline passed; closing remaining connections");
    for_each_session(state, [](Session& s) { s.force_close(); });
  }
  state.streams.stop();
  state.pool->stop();  // waits for handlers still running (they cannot be interrupted)
  {
    std::unique_lock lock(state.sessions_mutex);
    state.sessions_cv.wait(lock, [&] { return state.sessions.empty(); });
  }
  work_.clear();
  for (auto& context : state.contexts) context->stop();
  for (auto& t : io_threads_) {
    if (t.joinable()) t.join();
  }
  io_threads_.clear();
  // Run what completed after the stop (the aborted accept), releasing what it holds.
  for (auto& context : state.contexts) {
    context->restart();
    context->poll();
  }
  state.logger.info("http server stopped");
}

}  // namespace sanad::http
