#pragma once
// What a handler returns: a status, headers and either a body or a stream producer.
// A plain value type; not thread-safe (one owner at a time).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "http/stream.h"

namespace sanad::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the response is streamed with chunked transfer and `body` is ignored.
  StreamProducer stream;
  // Server-side detail for logs only (never sent): set by error_response() for
  // internal errors and by the error-mapping middleware.
  std::string log_detail;

  // Replaces (or adds) a header; case-insensitive name.
  void set_header(std::string_view name, std::string value);
  // Adds a header even if one of that name exists (e.g. Vary).
  void add_header(std::string name, std::string value);
  // The first value of a header ("" when absent).
  std::string_view header(std::string_view name) const;
  // Appends `token` to a comma-separated header (Vary), without duplicates.
  void append_token(std::string_view name, std::string_view token);

  // `body` is already-serialised JSON.
  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();
  // A chunked response whose body comes from `producer` (runs on a stream thread).
  static Response streaming(int status, std::string content_type, StreamProducer producer);
  // A Server-Sent Events stream (text/event-stream, no caching, no proxy buffering).
  static Response sse(StreamProducer producer);
};

// The ONE mapping from an ErrorCode to an HTTP status.
int http_status_for(ErrorCode code) noexcept;

// {"error": {"code": "<error_code_name>", "message": "..."}} with the mapped status.
// Internal errors get a generic message; the real one goes to `log_detail`.
Response error_response(const Status& status);

// An error body for statuses produced by the transport itself (404, 405, 431, ...).
Response error_response(int http_status, std::string_view code, std::string_view message);

}  // namespace sanad::http
