#include "llm/openai_provider.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "llm/json_fields.h"
#include "llm/json_reply_consumer.h"
#include "llm/sse_parser.h"
#include "llm/sse_stream_consumer.h"

namespace sanad::llm {
namespace {

using nlohmann::json;

FinishReason finish_from(std::string_view reason) {
  if (reason == "stop") return FinishReason::kStop;
  if (reason == "length") return FinishReason::kMaxTokens;
  return FinishReason::kOther;
}

// {"error": {...}} inside a 200 stream or body.
Status status_from_body_error(const json& error) {
  std::string type = json_string(error, "type");
  if (type.empty()) type = json_string(error, "code");
  std::string message = error.is_string() ? error.get<std::string>() : json_string(error, "message");
  std::string what = "error " + type + ": " + message;
  if (type.find("rate_limit") != std::string::npos) return resource_exhausted(what);
  if (type.find("auth") != std::string::npos) return unauthenticated(what);
  if (type == "invalid_request_error") return invalid_argument(what);
  return unavailable(what);
}

void read_usage(const json& chunk, Usage& usage) {
  json u = json_child(chunk, "usage");
  usage.input_tokens = json_int(u, "prompt_tokens", usage.input_tokens);
  usage.output_tokens = json_int(u, "completion_tokens", usage.output_tokens);
}

class OpenAiStreamConsumer : public SseStreamConsumer {
 public:
  using SseStreamConsumer::SseStreamConsumer;

 private:
  FinishReason finish_reason_from(std::string_view reason) const override { return finish_from(reason); }
  // A stream may end right after its finish_reason without [DONE] (some servers);
  // anything shorter was cut.
  bool ended() const override { return done_ || !finish_reason_.empty(); }
  std::string_view end_marker() const override { return "[DONE]"; }

  bool on_event(const SseEvent& event) override {
    if (event.data == "[DONE]") {
      done_ = true;
      return true;
    }
    json chunk = json::parse(event.data, nullptr, /*allow_exceptions=*/false);
    if (chunk.is_discarded() || !chunk.is_object()) {
      return fail(internal_error("malformed JSON in a stream chunk"));
    }
    if (chunk.contains("error")) return fail(status_from_body_error(chunk["error"]));
    if (std::string m = json_string(chunk, "model"); !m.empty()) model_ = m;
    read_usage(chunk, usage_);
    auto choices = chunk.find("choices");
    if (choices == chunk.end() || !choices->is_array()) return true;  // usage-only chunk
    for (const json& choice : *choices) {
      if (json_int(choice, "index", 0) != 0) continue;
      if (std::string r = json_string(choice, "finish_reason"); !r.empty()) finish_reason_ = r;
      json delta = json_child(choice, "delta");
      auto content = delta.find("content");
      if (content != delta.end() && content->is_string() && !content->get_ref<const std::string&>().empty()) {
        if (!emitter_.emit(content->get_ref<const std::string&>())) return false;
      }
    }
    return true;
  }

  bool done_ = false;
};

class OpenAiCompletionConsumer : public JsonReplyConsumer {
 public:
  using JsonReplyConsumer::JsonReplyConsumer;

 private:
  Status read_reply(const json& doc, ChatOutcome& outcome) override {
    if (doc.contains("error")) return status_from_body_error(doc["error"]);
    auto choices = doc.find("choices");
    if (choices == doc.end() || !choices->is_array() || choices->empty()) {
      return internal_error("reply without choices");
    }
    const json& first = (*choices)[0];
    emitter_.emit(json_string(json_child(first, "message"), "content"));
    outcome.provider_finish_reason = json_string(first, "finish_reason");
    outcome.finish_reason = emitter_.stop_reason().value_or(finish_from(outcome.provider_finish_reason));
    read_usage(doc, outcome.usage);
    outcome.model = json_string(doc, "model");
    return Status::ok();
  }
};

}  // namespace

OpenAiProvider::OpenAiProvider(OpenAiOptions options)
    : options_(std::move(options)), transport_(options_.call.timeouts), breaker_(options_.call.breaker) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
}

std::string OpenAiProvider::request_body(const ChatRequest& request, bool stream) const {
  json messages = json::array();
  if (!request.system.empty()) messages.push_back({{"role", "system"}, {"content", request.system}});
  for (const ChatMessage& m : request.messages) {
    messages.push_back({{"role", role_name(m.role)}, {"content", m.content}});
  }
  json body = {
      {"model", request.model.empty() ? options_.model : request.model},
      {"messages", std::move(messages)},
      {"max_tokens", request.max_tokens},
      {"temperature", request.temperature},
      {"stream", stream},
  };
  if (stream && options_.request_usage) body["stream_options"] = {{"include_usage", true}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

HttpPost OpenAiProvider::make_post(const ChatRequest& request, bool stream) const {
  HttpPost post;
  post.url = options_.base_url + "/chat/completions";
  post.headers = {"content-type: application/json",
                  stream ? "accept: text/event-stream" : "accept: application/json"};
  if (!options_.api_key.empty()) post.headers.push_back("authorization: Bearer " + options_.api_key);
  post.body = request_body(request, stream);
  return post;
}

Status OpenAiProvider::stream(const ChatRequest& request, StreamSink& sink) {
  ChatOutcome outcome;
  const size_t cap = output_cap(options_.call, request);
  SANAD_RETURN_IF_ERROR(run_provider_call(
      name(), transport_, breaker_, options_.call, make_post(request, true),
      [&] { return std::make_unique<OpenAiStreamConsumer>(sink, cap); }, outcome));
  sink.on_finish(outcome);
  return Status::ok();
}

Result<ChatResponse> OpenAiProvider::complete(const ChatRequest& request) {
  CollectingSink sink;
  ChatOutcome outcome;
  const size_t cap = output_cap(options_.call, request);
  SANAD_RETURN_IF_ERROR(run_provider_call(
      name(), transport_, breaker_, options_.call, make_post(request, false),
      [&] { return std::make_unique<OpenAiCompletionConsumer>(sink, cap); }, outcome));
  return ChatResponse{sink.text(), outcome};
}

}  // namespace sanad::llm
