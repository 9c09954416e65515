#pragma once
// Errors as values: Status (success or an ErrorCode with a message) and Result<T>
// (a value or a non-OK Status). Domain code returns these; only the HTTP adapter
// maps codes to statuses, and only the CLI maps them to exit codes.
// Both types are cheap to move and safe to use from any thread (no shared state).

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sanad {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong (bad JSON, bad value)
  kNotFound,            // the object does not exist (or the caller may not know it does)
  kAlreadyExists,       // a unique object already exists
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // no valid credentials
  kFailedPrecondition,  // the system is not in a state that allows the operation
  kResourceExhausted,   // a limit or quota was hit (rate limit, capacity)
  kTooLarge,            // the input exceeds a size limit
  kUnsupported,         // a valid request for something not supported (media type, model)
  kUnavailable,         // a dependency is down or not reachable; retrying may help
  kDeadlineExceeded,    // a timeout expired
  kCancelled,           // the operation was cancelled
  kInternal,            // a bug or an unexpected failure
};

// Stable snake_case name of a code, as used in the JSON error body.
std::string_view error_code_name(ErrorCode code) noexcept;

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {
    assert(code != ErrorCode::kOk);
  }

  static Status ok() { return {}; }

  bool is_ok() const noexcept { return code_ == ErrorCode::kOk; }
  explicit operator bool() const noexcept { return is_ok(); }
  ErrorCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }

  // "code_name: message", for logs and the command line.
  std::string to_string() const;

  // Returns a copy with `context + ": "` prepended to the message.
  Status with_context(std::string_view context) const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status invalid_argument(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Status not_found(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Status already_exists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
inline Status permission_denied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m)}; }
inline Status unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m)}; }
inline Status failed_precondition(std::string m) { return {ErrorCode::kFailedPrecondition, std::move(m)}; }
inline Status resource_exhausted(std::string m) { return {ErrorCode::kResourceExhausted, std::move(m)}; }
inline Status too_large(std::string m) { return {ErrorCode::kTooLarge, std::move(m)}; }
inline Status unsupported(std::string m) { return {ErrorCode::kUnsupported, std::move(m)}; }
inline Status unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
inline Status deadline_exceeded(std::string m) { return {ErrorCode::kDeadlineExceeded, std::move(m)}; }
inline Status cancelled(std::string m) { return {ErrorCode::kCancelled, std::move(m)}; }
inline Status internal_error(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

// A value of type T, or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(implicit)
  Result(Status status) : data_(std::in_place_index<1>, std::move(status)) {  // NOLINT(implicit)
    assert(!std::get<1>(data_).is_ok());
  }

  bool is_ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return is_ok(); }

  // Requires is_ok().
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // OK when there is a value.
  Status status() const { return is_ok() ? Status{} : std::get<1>(data_); }

  T value_or(T fallback) const& { return is_ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace sanad

// Propagates a non-OK Status from an expression returning Status.
#define SANAD_RETURN_IF_ERROR(expr)            \
  do {                                         \
    ::sanad::Status sanad_status_ = (expr);    \
    if (!sanad_status_.is_ok()) return sanad_status_; \
  } while (false)

#define SANAD_CONCAT_INNER_(a, b) a##b
#define SANAD_CONCAT_(a, b) SANAD_CONCAT_INNER_(a, b)
// `SANAD_ASSIGN_OR_RETURN(auto x, f());` — declares x from a Result or returns its Status.
#define SANAD_ASSIGN_OR_RETURN(decl, expr) \
  SANAD_ASSIGN_OR_RETURN_IMPL_(SANAD_CONCAT_(sanad_result_, __LINE__), decl, expr)
#define SANAD_ASSIGN_OR_RETURN_IMPL_(tmp, decl, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.is_ok()) return tmp.status();              \
  decl = std::move(tmp).value()
