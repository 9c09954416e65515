#pragma once
// The answer pipeline, each stage timed:
//   analyse   reply language; a follow-up turned into a standalone query
//   faq       a curated answer when an FAQ question is close enough
//   cache     the stored answer for the same question, permissions and index version
//   retrieve  hybrid retrieval, filtered by the caller's access inside retrieval
//   context   deduplicated, spread across documents, neighbours merged, within a budget
//   generate  a language model (ChatProvider) or the extractive answerer (with an
//             embedding model, its "similarity" step is timed on its own too)
//   verify    citations checked against the sources (failing ones removed), markdown
//             sanitised — piece by piece while the reply streams
// The reply goes to an AnswerEvents receiver as it is produced: text pieces, then
// the citations once. Thread-safe: one pipeline serves concurrent answers; the
// services it is given must outlive it and be thread-safe themselves.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assistant/answer.h"
#include "assistant/answer_cache.h"
#include "assistant/context_selector.h"
#include "assistant/extractive_answerer.h"
#include "assistant/faq_matcher.h"
#include "core/status.h"
#include "embed/embedder.h"
#include "llm/chat_provider.h"
#include "retrieval/retriever.h"

namespace sanad::assistant {

struct AnswerRequest {
  std::string question;
  std::vector<llm::ChatMessage> history;  // earlier turns, oldest first
  std::string language;                   // the conversation's; "" lets the question decide
  search::AccessFilter access;            // what the caller may read (api::read_scope)
  std::optional<std::string> folder_id;   // restrict retrieval to one folder
};

// Receives the answer as it is produced, on the thread running the pipeline.
class AnswerEvents {
 public:
  virtual ~AnswerEvents() = default;
  // A piece of the reply (markdown, already verified and sanitised). Return false
  // to stop (the client has gone): the pipeline ends early with `cancelled`.
  virtual bool on_delta(std::string_view text) = 0;
  // The verified citations, once, after the last piece.
  virtual void on_citations(const std::vector<Citation>& citations) { (void)citations; }
};

struct AnswerResult {
  std::string text;  // the whole reply, as delivered in pieces
  std::vector<Citation> citations;
  bool answered = false;
  std::string language;         // the reply's language
  std::string origin;           // "faq", "cache", "extractive" or the provider's name
  std::string retrieval_query;  // what retrieval was asked
  // Evidence strength: the best share of the question's content words one sentence
  // of the context holds (0..1); -1 when not computed (faq, cache).
  double evidence = -1;
  Timings timings;

  // Served from the answer cache (the API then says `cached: true`).
  bool from_cache() const { return origin == kCacheOrigin; }
  static constexpr std::string_view kCacheOrigin = "cache";
};

struct PipelineOptions {
  size_t retrieve_k = 12;
  ContextOptions context;
  ExtractiveOptions extractive;
  // With a language model: below this evidence strength (best sentence coverage of
  // the question over the context) the model is not called and the reply is a refusal.
  double min_evidence = 0.3;
  size_t history_messages = 6;  // earlier messages given to the model
  int max_tokens = 1024;
  bool rewrite_with_model = true;  // follow-ups rewritten by the model when there is one
};

class AnswerPipeline {
 public:
  // `provider` null: extractive answers. `faq`, `chunks` and `cache` may be null
  // (no curated answers, no neighbour widening, no cache). `embedder`, the model
  // retrieval embeds queries with, adds embedding similarity to the extractive
  // ranking; null: coverage alone.
  AnswerPipeline(const retrieval::Retriever& retriever, llm::ChatProvider* provider, FaqMatcher* faq,
                 const ChunkSource* chunks, AnswerCache* cache, PipelineOptions options = {},
                 embed::Embedder* embedder = nullptr);

  // Answers `request`, sending the reply to `events`. Errors: invalid_argument for
  // an empty question; retrieval's errors; cancelled when `events` stopped it; a
  // provider failure as the provider reported it (some text may already have been
  // delivered then).
  Result<AnswerResult> answer(const AnswerRequest& request, AnswerEvents& events) const;

  // "extractive" or the provider's name.
  std::string_view generator_name() const;

  const PipelineOptions& options() const { return options_; }

  // Cache look-ups since start: hits (answers served from the cache) and misses.
  struct CacheCounts {
    uint64_t hits = 0;
    uint64_t misses = 0;
  };
  CacheCounts cache_counts() const { return {cache_hits_.load(), cache_misses_.load()}; }

 private:
  const retrieval::Retriever& retriever_;
  llm::ChatProvider* provider_;
  FaqMatcher* faq_;
  const ChunkSource* chunks_;
  AnswerCache* cache_;
  PipelineOptions options_;
  embed::Embedder* embedder_;
  mutable std::atomic<uint64_t> cache_hits_{0};
  mutable std::atomic<uint64_t> cache_misses_{0};
};

// The reply language: the question's when detected with confidence, else
// `conversation_language` when it is fr/ar/en, else "fr".
std::string reply_language(std::string_view question, std::string_view conversation_language);

}  // namespace sanad::assistant
