#include "llm/json_reply_consumer.h"

namespace sanad::llm {

JsonReplyConsumer::JsonReplyConsumer(StreamSink& sink, size_t max_output_bytes)
    : emitter_(sink, max_output_bytes), max_body_(max_output_bytes * 4 + size_t{64} * 1024) {}

bool JsonReplyConsumer::on_body(std::string_view bytes) {
  body_.append(bytes);
  return body_.size() <= max_body_;
}

Status JsonReplyConsumer::finish(bool aborted, ChatOutcome& outcome) {
  if (aborted) return internal_error("the reply exceeded the size limit");
  nlohmann::json doc = nlohmann::json::parse(body_, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return internal_error("malformed JSON reply");
  SANAD_RETURN_IF_ERROR(read_reply(doc, outcome));
  outcome.output_bytes = emitter_.bytes();
  return Status::ok();
}

}  // namespace sanad::llm
