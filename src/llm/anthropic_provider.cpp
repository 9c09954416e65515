#include "llm/anthropic_provider.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "llm/json_fields.h"
#include "llm/json_reply_consumer.h"
#include "llm/sse_parser.h"
#include "llm/sse_stream_consumer.h"

namespace sanad::llm {
namespace {

using nlohmann::json;

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

FinishReason finish_from(std::string_view stop_reason) {
  if (stop_reason == "end_turn" || stop_reason == "stop_sequence") return FinishReason::kStop;
  if (stop_reason == "max_tokens") return FinishReason::kMaxTokens;
  return FinishReason::kOther;
}

// An "error" event inside a 200 stream, e.g. {"type":"error","error":{"type":"overloaded_error",...}}.
Status status_from_stream_error(const json& error) {
  std::string type = json_string(error, "type");
  std::string what = "stream error " + type + ": " + json_string(error, "message");
  if (type == "overloaded_error" || type == "api_error") return unavailable(what);
  if (type == "rate_limit_error") return resource_exhausted(what);
  if (type == "authentication_error" || type == "permission_error") return unauthenticated(what);
  if (type == "invalid_request_error" || type == "not_found_error") return invalid_argument(what);
  return unavailable(what);
}

class AnthropicStreamConsumer : public SseStreamConsumer {
 public:
  using SseStreamConsumer::SseStreamConsumer;

 private:
  FinishReason finish_reason_from(std::string_view reason) const override { return finish_from(reason); }
  bool ended() const override { return stopped_; }
  std::string_view end_marker() const override { return "message_stop"; }

  bool on_event(const SseEvent& event) override {
    json data = json::parse(event.data, nullptr, /*allow_exceptions=*/false);
    if (data.is_discarded() || !data.is_object()) {
      return fail(internal_error("malformed JSON in a '" + event.event + "' event"));
    }
    std::string type = json_string(data, "type");
    if (type.empty()) type = event.event;
    if (type == "content_block_delta") {
      const json& delta = json_child(data, "delta");
      if (json_string(delta, "type") != "text_delta") return true;  // tool input, thinking, ...
      auto text = delta.find("text");
      if (text == delta.end() || !text->is_string()) {
        return fail(internal_error("text_delta without text"));
      }
      return emitter_.emit(text->get_ref<const std::string&>());
    }
    if (type == "message_start") {
      const json& message = json_child(data, "message");
      model_ = json_string(message, "model");
      const json& usage = json_child(message, "usage");
      usage_.input_tokens = json_int(usage, "input_tokens", 0);
      usage_.output_tokens = json_int(usage, "output_tokens", 0);
      return true;
    }
    if (type == "message_delta") {
      const json& delta = json_child(data, "delta");
      if (std::string reason = json_string(delta, "stop_reason"); !reason.empty()) {
        finish_reason_ = reason;
      }
      const json& usage = json_child(data, "usage");
      usage_.output_tokens = json_int(usage, "output_tokens", usage_.output_tokens);
      usage_.input_tokens = json_int(usage, "input_tokens", usage_.input_tokens);
      return true;
    }
    if (type == "message_stop") {
      stopped_ = true;
      return true;
    }
    if (type == "error") return fail(status_from_stream_error(json_child(data, "error")));
    // ping, content_block_start, content_block_stop and future event types.
    return true;
  }

  bool stopped_ = false;
};

// Reads a whole non-streamed Messages reply.
class AnthropicMessageConsumer : public JsonReplyConsumer {
 public:
  using JsonReplyConsumer::JsonReplyConsumer;

 private:
  Status read_reply(const json& doc, ChatOutcome& outcome) override {
    if (json_string(doc, "type") == "error") {
      return status_from_stream_error(json_child(doc, "error"));
    }
    auto content = doc.find("content");
    if (content == doc.end() || !content->is_array()) {
      return internal_error("reply without a content array");
    }
    std::string text;
    for (const json& block : *content) {
      if (json_string(block, "type") == "text") text += json_string(block, "text");
    }
    emitter_.emit(text);
    outcome.provider_finish_reason = json_string(doc, "stop_reason");
    outcome.finish_reason = emitter_.stop_reason().value_or(finish_from(outcome.provider_finish_reason));
    const json& usage = json_child(doc, "usage");
    outcome.usage.input_tokens = json_int(usage, "input_tokens", 0);
    outcome.usage.output_tokens = json_int(usage, "output_tokens", 0);
    outcome.model = json_string(doc, "model");
    return Status::ok();
  }
};

}  // namespace

AnthropicProvider::AnthropicProvider(AnthropicOptions options)
    : options_(std::move(options)), transport_(options_.call.timeouts), breaker_(options_.call.breaker) {
  options_.base_url = trim_slash(options_.base_url);
}

std::string AnthropicProvider::request_body(const ChatRequest& request, bool stream) const {
  json messages = json::array();
  for (const ChatMessage& m : request.messages) {
    messages.push_back({{"role", role_name(m.role)}, {"content", m.content}});
  }
  json body = {
      {"model", request.model.empty() ? options_.model : request.model},
      {"max_tokens", request.max_tokens},
      {"temperature", request.temperature},
      {"messages", std::move(messages)},
      {"stream", stream},
  };
  if (!request.system.empty()) body["system"] = request.system;
  // Invalid UTF-8 from a document must not make the whole request fail.
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

HttpPost AnthropicProvider::make_post(const ChatRequest& request, bool stream) const {
  HttpPost post;
  post.url = options_.base_url + "/v1/messages";
  post.headers = {"x-api-key: " + options_.api_key, "anthropic-version: 2023-06-01",
                  "content-type: application/json",
                  stream ? "accept: text/event-stream" : "accept: application/json"};
  post.body = request_body(request, stream);
  return post;
}

Status AnthropicProvider::stream(const ChatRequest& request, StreamSink& sink) {
  if (options_.api_key.empty()) return unauthenticated("anthropic: no API key configured");
  ChatOutcome outcome;
  const size_t cap = output_cap(options_.call, request);
  SANAD_RETURN_IF_ERROR(run_provider_call(
      name(), transport_, breaker_, options_.call, make_post(request, true),
      [&] { return std::make_unique<AnthropicStreamConsumer>(sink, cap); }, outcome));
  sink.on_finish(outcome);
  return Status::ok();
}

Result<ChatResponse> AnthropicProvider::complete(const ChatRequest& request) {
  if (options_.api_key.empty()) return unauthenticated("anthropic: no API key configured");
  CollectingSink sink;
  ChatOutcome outcome;
  const size_t cap = output_cap(options_.call, request);
  SANAD_RETURN_IF_ERROR(run_provider_call(
      name(), transport_, breaker_, options_.call, make_post(request, false),
      [&] { return std::make_unique<AnthropicMessageConsumer>(sink, cap); }, outcome));
  return ChatResponse{sink.text(), outcome};
}

}  // namespace sanad::llm
