#include "llm/provider_call.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <thread>

namespace sanad::llm {
namespace {

bool is_retryable(ErrorCode code) {
  return code == ErrorCode::kUnavailable || code == ErrorCode::kDeadlineExceeded ||
         code == ErrorCode::kResourceExhausted;
}

// Failures that say something about the provider's health (and so count for
// the breaker); a rejected key or request does not.
bool counts_against_breaker(ErrorCode code) {
  return is_retryable(code) || code == ErrorCode::kInternal;
}

std::string describe_error_body(std::string_view body) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object()) {
    auto it = doc.find("error");
    if (it != doc.end() && it->is_object()) {
      std::string out;
      if (auto t = it->find("type"); t != it->end() && t->is_string()) out = t->get<std::string>();
      if (auto c = it->find("code"); c != it->end() && c->is_string() && out.empty()) {
        out = c->get<std::string>();
      }
      if (auto m = it->find("message"); m != it->end() && m->is_string()) {
        if (!out.empty()) out += ": ";
        out += m->get<std::string>();
      }
      if (!out.empty()) return out;
    }
    if (it != doc.end() && it->is_string()) return it->get<std::string>();  // Ollama style
  }
  std::string raw(body.substr(0, 200));
  std::replace_if(
      raw.begin(), raw.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return raw;
}

}  // namespace

size_t output_cap(const CallOptions& options, const ChatRequest& request) {
  size_t tokens = request.max_tokens > 0 ? static_cast<size_t>(request.max_tokens) : 0;
  size_t by_tokens = std::max<size_t>(1024, tokens * options.bytes_per_token_bound);
  return std::min(options.max_output_bytes, by_tokens);
}

bool DeltaEmitter::emit(std::string_view text) {
  if (stop_reason_) return false;
  bool capped = false;
  if (bytes_ + text.size() > max_bytes_) {
    size_t keep = max_bytes_ - bytes_;
    // Never cut a UTF-8 character in half.
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
    text = text.substr(0, keep);
    capped = true;
  }
  if (!text.empty()) {
    bytes_ += text.size();
    if (!sink_.on_delta(text)) {
      stop_reason_ = FinishReason::kStoppedBySink;
      return false;
    }
  }
  if (capped) {
    stop_reason_ = FinishReason::kOutputCap;
    return false;
  }
  return true;
}

Status status_from_http_error(std::string_view provider, long http_status, std::string_view body,
                              std::optional<int> retry_after_seconds) {
  std::string what = std::string(provider) + " returned HTTP " + std::to_string(http_status);
  if (std::string detail = describe_error_body(body); !detail.empty()) what += " (" + detail + ")";
  if (http_status == 401 || http_status == 403) return unauthenticated(what);
  if (http_status == 429) {
    if (retry_after_seconds) what += "; retry_after=" + std::to_string(*retry_after_seconds) + "s";
    return resource_exhausted(what);
  }
  if (http_status == 408 || http_status >= 500) return unavailable(what);
  if (http_status == 400 || http_status == 404 || http_status == 413 || http_status == 422) {
    return invalid_argument(what);
  }
  return unavailable(what);
}

std::optional<int> retry_after_from_status(const Status& status) {
  const std::string& m = status.message();
  size_t pos = m.rfind("retry_after=");
  if (pos == std::string::npos) return std::nullopt;
  const char* begin = m.data() + pos + 12;
  int seconds = 0;
  auto [ptr, ec] = std::from_chars(begin, m.data() + m.size(), seconds);
  if (ec != std::errc() || ptr == begin) return std::nullopt;
  return seconds;
}

Status run_provider_call(std::string_view provider, const HttpTransport& transport, CircuitBreaker& breaker,
                         const CallOptions& options, const HttpPost& post,
                         const std::function<std::unique_ptr<ResponseConsumer>()>& make_consumer,
                         ChatOutcome& outcome) {
  std::chrono::milliseconds backoff = options.backoff;
  for (int attempt = 1;; ++attempt) {
    if (!breaker.allow()) {
      return unavailable(std::string(provider) + " is failing; circuit open, next trial in " +
                         std::to_string(breaker.retry_in().count()) + " ms");
    }
    std::unique_ptr<ResponseConsumer> consumer = make_consumer();
    Result<HttpReply> reply =
        transport.post(post, [&](std::string_view bytes) { return consumer->on_body(bytes); });
    Status status;
    std::optional<int> retry_after;
    if (!reply.is_ok()) {
      status = reply.status().with_context(provider);
    } else if (reply->status < 200 || reply->status >= 300) {
      retry_after = reply->retry_after_seconds;
      status = status_from_http_error(provider, reply->status, reply->error_body, retry_after);
    } else {
      status = consumer->finish(reply->aborted_by_handler, outcome);
      if (!status.is_ok()) status = status.with_context(provider);
    }
    breaker.record(status.is_ok() || !counts_against_breaker(status.code()));
    if (status.is_ok()) {
      outcome.attempts = attempt;
      return status;
    }
    if (attempt > options.max_retries || consumer->delivered() || !is_retryable(status.code())) {
      return status;
    }
    std::chrono::milliseconds wait = backoff;
    if (retry_after) {
      wait = std::chrono::seconds(*retry_after);
      if (wait > options.max_retry_after) return status;  // too far away: report it
    }
    backoff *= 2;
    std::this_thread::sleep_for(wait);  // a deliberate back-off, not synchronisation
  }
}

}  // namespace sanad::llm
