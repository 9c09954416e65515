#include "http/response.h"

#include "core/strings.h"

namespace sanad::http {

void Response::set_header(std::string_view name, std::string value) {
  for (auto& [k, v] : headers) {
    if (core::iequals(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

void Response::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (core::iequals(k, name)) return v;
  }
  return {};
}

void Response::append_token(std::string_view name, std::string_view token) {
  for (auto& [k, v] : headers) {
    if (!core::iequals(k, name)) continue;
    for (auto part : core::split(v, ',')) {
      if (core::iequals(core::trim(part), token)) return;
    }
    v += v.empty() ? "" : ", ";
    v += token;
    return;
  }
  headers.emplace_back(std::string(name), std::string(token));
}

Response Response::json(int status, std::string body) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::streaming(int status, std::string content_type, StreamProducer producer) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.stream = std::move(producer);
  return r;
}

Response Response::sse(StreamProducer producer) {
  Response r = streaming(200, "text/event-stream; charset=utf-8", std::move(producer));
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("X-Accel-Buffering", "no");
  return r;
}

int http_status_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kUnsupported: return 415;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDeadlineExceeded: return 504;
    // A server-side cancellation (shutdown, a cancelled job): retrying later may work.
    case ErrorCode::kCancelled: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response error_response(int http_status, std::string_view code, std::string_view message) {
  std::string body = "{\"error\":{\"code\":\"";
  body += core::json_escape(code);
  body += "\",\"message\":\"";
  body += core::json_escape(message);
  body += "\"}}";
  return Response::json(http_status, std::move(body));
}

Response error_response(const Status& status) {
  ErrorCode code = status.is_ok() ? ErrorCode::kInternal : status.code();
  if (code == ErrorCode::kInternal) {
    Response r = error_response(500, error_code_name(code), "internal error");
    r.log_detail = status.is_ok() ? "error_response called with OK status" : status.message();
    return r;
  }
  return error_response(http_status_for(code), error_code_name(code), status.message());
}

}  // namespace sanad::http
