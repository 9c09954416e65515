#pragma once
// Between a language model and the user: takes generated text as it arrives,
// cuts it into pieces at safe boundaries (end of a line or sentence, outside code
// fences, quotations and brackets), and for each piece removes the citations that
// do not hold (llm::verify_citations against the numbered sources) and sanitises
// the markdown (llm::sanitize_markdown) before passing it on. So nothing the model
// writes reaches the user unverified or unsanitised, while the reply still
// streams. Not thread-safe: one per generation, used from the generating thread.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "llm/chat_provider.h"
#include "llm/citation_verifier.h"

namespace sanad::assistant {

class VerifiedStream : public llm::StreamSink {
 public:
  // `emit` receives each verified, sanitised piece and returns false to stop.
  // `sources` maps citation numbers to source texts; it must outlive the stream.
  VerifiedStream(const std::map<int, std::string>& sources, std::function<bool(std::string_view)> emit)
      : sources_(sources), emit_(std::move(emit)) {}

  bool on_delta(std::string_view text) override;
  void on_finish(const llm::ChatOutcome& outcome) override { outcome_ = outcome; }

  // Processes what is still buffered (call once generation has ended, also after
  // an error). Returns false when the receiver stopped.
  bool flush();

  // Everything emitted so far.
  const std::string& text() const { return text_; }
  // Verified citations, distinct by (n, quote), in order of appearance.
  const std::vector<llm::VerifiedCitation>& citations() const { return citations_; }
  size_t removed_citations() const { return removed_; }
  const llm::ChatOutcome& outcome() const { return outcome_; }
  // Milliseconds spent verifying and sanitising.
  double verify_ms() const { return verify_ms_; }
  bool emitted_anything() const { return !text_.empty(); }

 private:
  // Length of the longest prefix of pending_ that can be processed now.
  size_t safe_prefix() const;
  bool process(std::string_view piece);

  const std::map<int, std::string>& sources_;
  std::function<bool(std::string_view)> emit_;
  std::string pending_;
  std::string text_;
  std::vector<llm::VerifiedCitation> citations_;
  std::set<std::pair<int, std::string>> seen_;
  size_t removed_ = 0;
  llm::ChatOutcome outcome_;
  double verify_ms_ = 0;
  bool stopped_ = false;
};

}  // namespace sanad::assistant
