#include "core/log.h"

#include <chrono>
#include <cstdio>

#include "core/clock.h"
#include "core/strings.h"

namespace sanad::core {

Result<LogLevel> parse_log_level(std::string_view name) {
  if (name == "trace") return LogLevel::kTrace;
  if (name == "debug") return LogLevel::kDebug;
  if (name == "info") return LogLevel::kInfo;
  if (name == "warn" || name == "warning") return LogLevel::kWarn;
  if (name == "error") return LogLevel::kError;
  if (name == "off") return LogLevel::kOff;
  return invalid_argument("unknown log level '" + std::string(name) + "'");
}

namespace {
std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return "trace";
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
    case LogLevel::kOff: return "off";
  }
  return "info";
}
}  // namespace

Logger::Logger(LogLevel level, std::FILE* out) : level_(level), out_(out) {
  flusher_ = std::thread([this] { flusher_loop(); });
}

Logger::~Logger() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  flusher_.join();
  std::fflush(out_);
}

void Logger::log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields) {
  if (!enabled(level)) return;
  thread_local std::string line;
  line.clear();
  line += "{\"ts\":\"";
  line += iso8601_ms(now_ms());
  line += "\",\"level\":\"";
  line += level_name(level);
  line += "\",\"msg\":\"";
  line += json_escape(msg);
  line += '"';
  for (const auto& field : fields) {
    line += ",\"";
    line += json_escape(field.key);
    line += "\":";
    if (auto* s = std::get_if<std::string_view>(&field.value)) {
      line += '"';
      line += json_escape(*s);
      line += '"';
    } else if (auto* i = std::get_if<int64_t>(&field.value)) {
      line += std::to_string(*i);
    } else if (auto* d = std::get_if<double>(&field.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", *d);
      line += buf;
    } else {
      line += std::get<bool>(field.value) ? "true" : "false";
    }
  }
  line += "}\n";
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), out_);
  if (level >= LogLevel::kWarn) {
    std::fflush(out_);
  } else {
    dirty_ = true;
  }
}

void Logger::flush() {
  std::lock_guard lock(mutex_);
  std::fflush(out_);
  dirty_ = false;
}

void Logger::flusher_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(200));
    if (dirty_) {
      std::fflush(out_);
      dirty_ = false;
    }
  }
}

}  // namespace sanad::core
