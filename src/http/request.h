#pragma once
// One parsed HTTP request as handlers and middleware see it. Built by the session
// (or by prepare_request() in tests); owned by the session for the duration of one
// exchange and handed by reference to exactly one thread at a time, so it needs no
// locking.

#include <any>
#include <boost/beast/http/fields.hpp>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sanad::http {

struct Route;

// How the router classified a request (filled by Router::match()).
enum class MatchResult { kNone, kFound, kNotFound, kMethodNotAllowed, kBadPath, kFallback };

// Removes a spooled body file when the request ends, unless the handler moved it away.
class TempFileGuard {
 public:
  TempFileGuard() = default;
  explicit TempFileGuard(std::filesystem::path path) : path_(std::move(path)) {}
  ~TempFileGuard() { reset(); }
  TempFileGuard(TempFileGuard&& o) noexcept : path_(std::exchange(o.path_, {})) {}
  TempFileGuard& operator=(TempFileGuard&& o) noexcept {
    if (this != &o) {
      reset();
      path_ = std::exchange(o.path_, {});
    }
    return *this;
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  void reset();

 private:
  std::filesystem::path path_;
};

struct Request {
  std::string method;   // upper-case as sent ("GET")
  std::string target;   // raw request target, undecoded ("/a/%62?x=1")
  std::string path;     // normalised, decoded path ("/a/b"); see path.h
  std::string path_error;  // non-empty when the target was rejected (400)
  std::map<std::string, std::string> query;  // decoded; for repeated names the last wins
  boost::beast::http::fields headers;         // case-insensitive
  std::string body;                           // the body, unless spooled to body_file
  std::filesystem::path body_file;            // set for RouteOptions::body_to_file routes
  std::vector<std::pair<std::string, std::string>> params;  // {name} segments, in order
  std::string request_id;  // set by the request-id middleware
  std::string client_ip;   // peer address, or the forwarded client behind a trusted proxy
  std::string peer_ip;     // the socket peer, always
  bool secure = false;     // https (directly or via X-Forwarded-Proto from a trusted proxy)
  std::string host;        // Host (or X-Forwarded-Host from a trusted proxy), lower-case, no port
  std::map<std::string, std::any, std::less<>> context;  // middleware-provided values (e.g. "user")

  // Routing outcome (set by Router::match()).
  MatchResult match = MatchResult::kNone;
  const Route* route = nullptr;
  std::string allowed_methods;  // for kMethodNotAllowed: the Allow header value
  bool is_head = false;         // HEAD served by a GET handler: the body is dropped

  TempFileGuard body_file_guard;  // removes body_file when the request ends

  // A header's value ("" when absent); case-insensitive name.
  std::string_view header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // A decoded query parameter, or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
  // A {name} path parameter ("" when the route has none of that name).
  std::string_view param(std::string_view name) const;
  // The route name for logs and metrics ("unmatched" when no route matched).
  std::string_view route_name() const;
  // A context value of type T, or nullptr when absent or of another type.
  template <typename T>
  const T* context_value(std::string_view key) const {
    auto it = context.find(key);
    return it == context.end() ? nullptr : std::any_cast<T>(&it->second);
  }
};

// "Example.org:8080" -> "example.org"; "[::1]:80" -> "[::1]".
std::string normalize_host(std::string_view host);

// Fills method, target, path/path_error and query from a request line. Used by the
// session and by tests that call handlers or the router without a socket.
void prepare_request(Request& req, std::string_view method, std::string_view target);

}  // namespace sanad::http
