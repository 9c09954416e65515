#pragma once
// The interface every answer provider implements (Anthropic, OpenAI-compatible,
// stand-ins), and the plain types that describe a chat request and its outcome.
// Providers never throw for provider or network failures: they return a Status
// whose code says what happened (see ChatProvider::stream).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sanad::llm {

enum class Role { kUser, kAssistant };

// "user" / "assistant", as both wire formats spell them.
std::string_view role_name(Role role) noexcept;

struct ChatMessage {
  Role role = Role::kUser;
  std::string content;
};

struct ChatRequest {
  std::string system;                 // system prompt; may be empty
  std::vector<ChatMessage> messages;  // oldest first; the last one is usually the user's
  int max_tokens = 1024;              // upper bound on generated tokens
  double temperature = 0.2;
  std::string model;  // empty: the provider's configured default
};

// Why generation ended, normalised across providers.
enum class FinishReason {
  kStop,           // the model finished (end_turn, stop, stop_sequence)
  kMaxTokens,      // the model hit max_tokens (max_tokens, length)
  kOutputCap,      // our own cap on output bytes stopped the transfer
  kStoppedBySink,  // the sink asked to stop
  kOther,          // anything else the provider reported
};
std::string_view finish_reason_name(FinishReason reason) noexcept;

struct Usage {
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
};

// What a successful call produced, besides the text already given to the sink.
struct ChatOutcome {
  FinishReason finish_reason = FinishReason::kStop;
  std::string provider_finish_reason;  // the provider's own word ("end_turn", "stop", ...)
  Usage usage;
  std::string model;         // model name the provider reported, if any
  int64_t output_bytes = 0;  // bytes delivered to the sink
  int attempts = 1;          // HTTP attempts made (1 + retries)
};

// Receives generated text as it arrives. Called on the thread that called
// ChatProvider::stream, never concurrently.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // A piece of generated text (UTF-8; a piece may end inside a multi-byte
  // character only if the provider split it so). Return false to stop: the
  // provider aborts the transfer at once and stream() returns OK with
  // FinishReason::kStoppedBySink.
  virtual bool on_delta(std::string_view text) = 0;
  // Called once, just before stream() returns OK.
  virtual void on_finish(const ChatOutcome& outcome) { (void)outcome; }
};

// A sink that appends every delta to a string; handy for non-streaming callers.
class CollectingSink : public StreamSink {
 public:
  bool on_delta(std::string_view text) override {
    text_.append(text);
    return true;
  }
  void on_finish(const ChatOutcome& outcome) override { outcome_ = outcome; }
  const std::string& text() const { return text_; }
  const ChatOutcome& outcome() const { return outcome_; }

 private:
  std::string text_;
  ChatOutcome outcome_;
};

// A complete (non-streamed) answer.
struct ChatResponse {
  std::string text;
  ChatOutcome outcome;
};

class ChatProvider {
 public:
  virtual ~ChatProvider() = default;

  // Short stable name for logs and /health/ready ("anthropic", "openai", ...).
  virtual std::string_view name() const = 0;

  // Generates a reply to `request`, giving text to `sink` as it arrives.
  // Blocks until the reply is complete, the sink stops it, or it fails; it never
  // blocks forever (connect, first-byte and idle timeouts). Errors:
  //   unauthenticated     the provider rejected the key (401/403)
  //   resource_exhausted  rate limited (429); the message holds "retry_after=<s>s"
  //   unavailable         5xx, connection failure, stream cut, circuit open
  //   deadline_exceeded   a timeout expired
  //   invalid_argument    the provider rejected the request (400/404/422)
  //   internal            a malformed reply (bad JSON, unknown framing)
  // After an error some text may already have been given to the sink.
  // Thread-safe: one provider serves concurrent calls.
  virtual Status stream(const ChatRequest& request, StreamSink& sink) = 0;

  // Generates a whole reply without streaming (query rewriting, titles).
  // Same errors as stream(). The default implementation collects stream().
  virtual Result<ChatResponse> complete(const ChatRequest& request);
};

}  // namespace sanad::llm
