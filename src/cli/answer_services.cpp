#include "cli/answer_services.h"

#include "assistant/redis_answer_cache.h"
#include "llm/provider_factory.h"

namespace sanad::cli {

Result<std::unique_ptr<AnswerServices>> make_answer_services(const core::Config& config, db::Database& db,
                                                             const retrieval::Retriever& retriever,
                                                             embed::Embedder* embedder, core::Logger& logger,
                                                             redis::Client* redis) {
  auto s = std::make_unique<AnswerServices>();
  SANAD_ASSIGN_OR_RETURN(s->provider, llm::make_chat_provider(config.llm));
  if (s->provider) s->curl = std::make_unique<auth::CurlGlobal>();
  logger.info("answer provider", {{"provider", s->provider ? std::string(s->provider->name()) : "extractive"}});
  s->faq = std::make_unique<assistant::FaqMatcher>(db);
  s->chunks = std::make_unique<assistant::SqlChunkSource>(db);
  s->local_cache = std::make_unique<assistant::LruAnswerCache>();
  assistant::AnswerCache* cache = s->local_cache.get();
  if (redis != nullptr) {
    assistant::RedisAnswerCacheOptions options;
    options.ttl = config.answer_cache_ttl;
    s->shared_cache = std::make_unique<assistant::RedisAnswerCache>(*redis, *s->local_cache, logger, options);
    cache = s->shared_cache.get();
    logger.info("answers cached in Redis", {{"ttl_s", static_cast<int64_t>(config.answer_cache_ttl.count())}});
  }
  s->pipeline = std::make_unique<assistant::AnswerPipeline>(retriever, s->provider.get(), s->faq.get(),
                                                            s->chunks.get(), cache, assistant::PipelineOptions{},
                                                            embedder);
  s->store = std::make_unique<assistant::ConversationStore>(db);
  s->service = std::make_unique<assistant::ConversationService>(*s->store, *s->pipeline);
  return s;
}

}  // namespace sanad::cli
