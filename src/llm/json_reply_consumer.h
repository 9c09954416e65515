#pragma once
// The half of a non-streaming response consumer that every provider shares: the
// body collected up to a size limit and parsed as a JSON object. A provider reads
// the text, finish reason and usage from the document. Not thread-safe.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "llm/provider_call.h"

namespace sanad::llm {

class JsonReplyConsumer : public ResponseConsumer {
 public:
  JsonReplyConsumer(StreamSink& sink, size_t max_output_bytes);

  bool on_body(std::string_view bytes) override;
  // Size and JSON errors; otherwise read_reply(), then the output byte count.
  Status finish(bool aborted, ChatOutcome& outcome) override;
  bool delivered() const override { return emitter_.delivered(); }

 protected:
  // Gives the reply's text to `emitter_` and fills `outcome` (finish reason,
  // usage, model), or returns the error the document carries.
  virtual Status read_reply(const nlohmann::json& doc, ChatOutcome& outcome) = 0;

  DeltaEmitter emitter_;

 private:
  size_t max_body_;
  std::string body_;
};

}  // namespace sanad::llm
