#pragma once
// The assistant's services for `sanad serve`, built from the configuration: the
// answer provider (extractive without a key), the FAQ matcher, neighbour reads,
// the answer cache, the pipeline, the conversation store and service. Held
// together so server_app declares them in one place, before the router.

#include <memory>

#include "assistant/answer_cache.h"
#include "assistant/lru_answer_cache.h"
#include "assistant/conversation_service.h"
#include "assistant/faq_matcher.h"
#include "assistant/pipeline.h"
#include "assistant/sql_chunk_source.h"
#include "auth/http_fetch.h"
#include "core/config.h"
#include "core/log.h"
#include "db/database.h"
#include "embed/embedder.h"
#include "llm/chat_provider.h"
#include "redis/client.h"
#include "retrieval/retriever.h"

namespace sanad::cli {

struct AnswerServices {
  std::unique_ptr<auth::CurlGlobal> curl;          // when a provider is configured
  std::unique_ptr<llm::ChatProvider> provider;     // nullptr: extractive answers
  std::unique_ptr<assistant::FaqMatcher> faq;
  std::unique_ptr<assistant::SqlChunkSource> chunks;
  std::unique_ptr<assistant::LruAnswerCache> local_cache;  // the cache, or Redis's fallback
  std::unique_ptr<assistant::AnswerCache> shared_cache;    // through Redis when REDIS_URL is set
  std::unique_ptr<assistant::AnswerPipeline> pipeline;
  std::unique_ptr<assistant::ConversationStore> store;
  std::unique_ptr<assistant::ConversationService> service;
};

// `db`, `retriever`, `embedder` (the model retrieval uses; may be null), `logger`
// and `redis` (null without REDIS_URL: the answer cache is then the in-process
// LRU) must outlive the result. Errors name the variable to fix (an unknown
// LLM_PROVIDER, a provider without its key or model).
Result<std::unique_ptr<AnswerServices>> make_answer_services(const core::Config& config, db::Database& db,
                                                             const retrieval::Retriever& retriever,
                                                             embed::Embedder* embedder, core::Logger& logger,
                                                             redis::Client* redis);

}  // namespace sanad::cli
