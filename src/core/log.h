#pragma once
// Structured logging: one JSON object per line, {"ts","level","msg",...fields}.
// A Logger is created in main and passed by reference to whoever logs. It is
// thread-safe. Output is buffered and flushed by a background thread at least
// every 200 ms, immediately for warnings and errors, and on destruction.

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <variant>

#include "core/status.h"

namespace sanad::core {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// Parses "trace".."off"; unknown names are an error.
Result<LogLevel> parse_log_level(std::string_view name);

struct LogField {
  using Value = std::variant<std::string_view, int64_t, double, bool>;
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  LogField(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  LogField(std::string_view k, int64_t v) : key(k), value(v) {}
  LogField(std::string_view k, int v) : key(k), value(static_cast<int64_t>(v)) {}
  LogField(std::string_view k, unsigned v) : key(k), value(static_cast<int64_t>(v)) {}
  LogField(std::string_view k, uint64_t v) : key(k), value(static_cast<int64_t>(v)) {}
  LogField(std::string_view k, double v) : key(k), value(v) {}
  LogField(std::string_view k, bool v) : key(k), value(v) {}
  std::string_view key;
  Value value;
};

class Logger {
 public:
  // Does not take ownership of `out` (stderr by default).
  explicit Logger(LogLevel level = LogLevel::kInfo, std::FILE* out = stderr);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  bool enabled(LogLevel level) const { return level >= level_ && level_ != LogLevel::kOff; }
  void log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {});
  void trace(std::string_view m, std::initializer_list<LogField> f = {}) { log(LogLevel::kTrace, m, f); }
  void debug(std::string_view m, std::initializer_list<LogField> f = {}) { log(LogLevel::kDebug, m, f); }
  void info(std::string_view m, std::initializer_list<LogField> f = {}) { log(LogLevel::kInfo, m, f); }
  void warn(std::string_view m, std::initializer_list<LogField> f = {}) { log(LogLevel::kWarn, m, f); }
  void error(std::string_view m, std::initializer_list<LogField> f = {}) { log(LogLevel::kError, m, f); }
  void flush();

 private:
  void flusher_loop();

  LogLevel level_;
  std::FILE* out_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool dirty_ = false;
  std::thread flusher_;
};

}  // namespace sanad::core
