#include "assistant/pipeline.h"

#include <chrono>
#include <map>

#include "assistant/embedding_similarity.h"
#include "assistant/follow_up.h"
#include "assistant/verified_stream.h"
#include "core/clock.h"
#include "core/strings.h"
#include "llm/markdown_sanitizer.h"
#include "llm/match_text.h"
#include "llm/prompt_builder.h"
#include "text/language.h"

namespace sanad::assistant {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Times consecutive stages from one start.
class StageTimer {
 public:
  StageTimer() : start_(SteadyClock::now()), last_(start_) {}
  void mark(const std::string& stage) {
    auto now = SteadyClock::now();
    timings_.emplace_back(stage, ms(last_, now));
    last_ = now;
  }
  void add(const std::string& stage, double value) { timings_.emplace_back(stage, value); }
  double elapsed_ms() const { return core::ms_since(start_); }
  Timings finish() {
    timings_.emplace_back("total", elapsed_ms());
    return timings_;
  }

 private:
  static double ms(SteadyClock::time_point a, SteadyClock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  }
  SteadyClock::time_point start_;
  SteadyClock::time_point last_;
  Timings timings_;
};

// Sends `text` line by line (each piece keeps its newline).
bool deliver(std::string_view text, AnswerEvents& events) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    size_t n = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!events.on_delta(text.substr(0, n))) return false;
    text.remove_prefix(n);
  }
  return true;
}

Citation citation_for(const ContextSource& source, int n, std::string quote, size_t begin, size_t end) {
  Citation c;
  c.n = n;
  c.document_id = source.document_id;
  c.title = source.title;
  auto mapped = map_span(source, begin, end);
  const SourcePart& part = mapped ? *mapped->part : source.parts.front();
  c.chunk_id = part.chunk_id;
  c.page = part.page;
  c.section = part.section;
  c.quote = std::move(quote);
  if (mapped) {
    c.start = mapped->start;
    c.end = mapped->end;
  }
  return c;
}

// A citation without a quotation points at the start of the source: quote its
// opening words (up to ~300 bytes, cut at a space).
Citation whole_source_citation(const ContextSource& source, int n) {
  const SourcePart& part = source.parts.front();
  size_t len = std::min<size_t>(part.length, 300);
  if (len < part.length) {
    while (len > 0 && source.text[part.offset + len] != ' ') --len;
    if (len == 0) len = std::min<size_t>(part.length, 300);
    while (len > 0 && (static_cast<unsigned char>(source.text[part.offset + len]) & 0xC0) == 0x80) --len;
  }
  return citation_for(source, n, source.text.substr(part.offset, len), part.offset, part.offset + len);
}

std::string location_of(const ContextSource& source) {
  const SourcePart& part = source.parts.front();
  if (part.page > 0) return "page " + std::to_string(part.page);
  return part.section;
}

bool sources_contain(const std::vector<ContextSource>& sources, int n) {
  return n >= 1 && static_cast<size_t>(n) <= sources.size();
}

}  // namespace

std::string reply_language(std::string_view question, std::string_view conversation_language) {
  auto guess = text::detect_language(question);
  if (guess.language != text::Language::kUnknown && guess.confidence >= text::kConfidentLanguage) {
    return std::string(text::language_code(guess.language));
  }
  if (conversation_language == "fr" || conversation_language == "ar" || conversation_language == "en") {
    return std::string(conversation_language);
  }
  return "fr";
}

AnswerPipeline::AnswerPipeline(const retrieval::Retriever& retriever, llm::ChatProvider* provider, FaqMatcher* faq,
                               const ChunkSource* chunks, AnswerCache* cache, PipelineOptions options,
                               embed::Embedder* embedder)
    : retriever_(retriever), provider_(provider), faq_(faq), chunks_(chunks), cache_(cache),
      options_(std::move(options)), embedder_(embedder) {}

std::string_view AnswerPipeline::generator_name() const {
  return provider_ == nullptr ? std::string_view("extractive") : provider_->name();
}

Result<AnswerResult> AnswerPipeline::answer(const AnswerRequest& request, AnswerEvents& events) const {
  std::string question(core::trim(request.question));
  if (question.empty()) return invalid_argument("the question is empty");
  StageTimer timer;
  AnswerResult result;

  // analyse
  result.language = reply_language(question, request.language);
  bool follow_up = !request.history.empty() && looks_like_follow_up(question);
  if (follow_up && provider_ != nullptr && options_.rewrite_with_model) {
    result.retrieval_query = standalone_query_with_model(question, request.history, *provider_);
  } else {
    result.retrieval_query = standalone_query(question, request.history);
  }
  timer.mark("analyse");

  // faq: a curated answer for a question asked on its own.
  if (faq_ != nullptr) {
    SANAD_ASSIGN_OR_RETURN(auto match, faq_->match(result.retrieval_query, request.access));
    timer.mark("faq");
    if (match) {
      result.origin = "faq";
      result.answered = true;
      std::string body = llm::sanitize_markdown(match->answer);
      result.text = body + " [1]";
      Citation c;
      c.n = 1;
      c.kind = "faq";
      c.chunk_id = match->id;
      c.title = match->question;
      c.section = match->source;
      c.quote = match->answer;
      c.end = static_cast<int64_t>(llm::utf8_char_count(match->answer, match->answer.size()));
      result.citations.push_back(std::move(c));
      if (!deliver(result.text, events)) return cancelled("the client went away");
      events.on_citations(result.citations);
      result.timings = timer.finish();
      return result;
    }
  }

  // cache
  std::string cache_key;
  if (cache_ != nullptr) {
    AnswerCacheKeyParts parts;
    parts.question = question;
    parts.retrieval_query = result.retrieval_query;
    parts.language = result.language;
    parts.provider = std::string(generator_name());
    parts.access = &request.access;
    parts.index_version = retriever_.index_version();
    cache_key = answer_cache_key(parts);
    auto hit = cache_->get(cache_key);
    timer.mark("cache");
    (hit ? cache_hits_ : cache_misses_).fetch_add(1, std::memory_order_relaxed);
    if (hit) {
      result.origin = AnswerResult::kCacheOrigin;
      result.text = std::move(hit->text);
      result.citations = std::move(hit->citations);
      result.answered = hit->answered;
      if (!deliver(result.text, events)) return cancelled("the client went away");
      events.on_citations(result.citations);
      result.timings = timer.finish();
      return result;
    }
  }

  // retrieve
  retrieval::RetrievalRequest rr;
  rr.query = result.retrieval_query;
  rr.k = options_.retrieve_k;
  rr.mode = search::SearchMode::kHybrid;
  rr.access = request.access;
  rr.folder_id = request.folder_id;
  rr.highlights = false;  // the answer quotes sentences; highlighting every passage cost ~15 % of the CPU
  SANAD_ASSIGN_OR_RETURN(retrieval::RetrievalResult retrieved, retriever_.retrieve(rr));
  timer.mark("retrieve");

  // context
  std::vector<ContextSource> sources = select_context(retrieved.passages, chunks_, options_.context);
  std::vector<ExtractiveSource> extractive_sources;
  std::map<int, std::string> source_texts;
  for (const ContextSource& s : sources) {
    extractive_sources.push_back({s.n, s.text, s.language});
    source_texts.emplace(s.n, s.text);
  }
  timer.mark("context");

  if (provider_ == nullptr) {
    // generate (extractive), with the embedding similarity of the best sentences
    // when there is a model (timed on its own as "similarity", inside generate).
    SentenceSimilarity similarity;
    double similarity_ms = -1;
    if (embedder_ != nullptr) {
      similarity = [inner = embedding_similarity(*embedder_, result.retrieval_query, retrieved.query_vector),
                    &similarity_ms](std::string_view q, const std::vector<std::string>& sentences) {
        auto start = SteadyClock::now();
        auto cosines = inner(q, sentences);
        similarity_ms = core::ms_since(start);
        return cosines;
      };
    }
    ExtractiveAnswer ex = answer_extractively(result.retrieval_query, result.language, extractive_sources,
                                              options_.extractive, similarity);
    result.evidence = ex.best_coverage;
    timer.mark("generate");
    if (similarity_ms >= 0) timer.add("similarity", similarity_ms);
    // verify: by construction every quote is in its source; checked all the same,
    // and the text sanitised like any other reply.
    llm::CitationCheck check = llm::verify_citations(ex.text, source_texts);
    result.text = llm::sanitize_markdown(check.text);
    result.answered = ex.answered && !check.citations.empty();
    if (result.answered) {
      for (const ExtractivePick& p : ex.picks) {
        if (!sources_contain(sources, p.n)) continue;
        result.citations.push_back(citation_for(sources[p.n - 1], p.n, p.quote, p.begin, p.end));
      }
    } else {
      result.text = refusal_text(result.language);
    }
    result.origin = "extractive";
    timer.mark("verify");
    if (!deliver(result.text, events)) return cancelled("the client went away");
  } else {
    // generate (language model), verified and sanitised piece by piece.
    result.evidence = evidence_strength(result.retrieval_query, extractive_sources);
    result.origin = std::string(provider_->name());
    if (sources.empty() || result.evidence < options_.min_evidence) {
      timer.mark("generate");
      result.text = refusal_text(result.language);
      result.answered = false;
      if (!deliver(result.text, events)) return cancelled("the client went away");
    } else {
      llm::PromptInput input;
      input.language = result.language;
      input.question = question;
      input.max_tokens = options_.max_tokens;
      size_t first = request.history.size() > options_.history_messages
                         ? request.history.size() - options_.history_messages
                         : 0;
      input.history.assign(request.history.begin() + static_cast<std::ptrdiff_t>(first), request.history.end());
      for (const ContextSource& s : sources) input.sources.push_back({s.n, s.title, location_of(s), s.text});
      llm::BuiltPrompt prompt = llm::build_answer_prompt(input);
      timer.add("before_generate", timer.elapsed_ms());
      bool stopped = false;
      VerifiedStream stream(source_texts, [&](std::string_view piece) {
        if (!events.on_delta(piece)) stopped = true;
        return !stopped;
      });
      Status generated = provider_->stream(prompt.request, stream);
      if (generated.is_ok() || !stopped) stream.flush();
      timer.mark("generate");
      if (stopped) return cancelled("the client went away");
      if (!generated) return generated;
      timer.add("verify", stream.verify_ms());
      result.text = stream.text();
      for (const llm::VerifiedCitation& v : stream.citations()) {
        if (!sources_contain(sources, v.n)) continue;
        const ContextSource& s = sources[v.n - 1];
        result.citations.push_back(v.quote.empty() ? whole_source_citation(s, v.n)
                                                   : citation_for(s, v.n, v.quote, v.start_byte, v.end_byte));
      }
      result.answered = !result.citations.empty();
      if (!result.answered) {
        // Nothing the model said is backed by a source: say so.
        std::string refusal = (result.text.empty() ? "" : "\n\n") + refusal_text(result.language);
        result.text += refusal;
        if (!events.on_delta(refusal)) return cancelled("the client went away");
      }
    }
  }
  events.on_citations(result.citations);
  if (cache_ != nullptr) cache_->put(cache_key, CachedAnswer{result.text, result.citations, result.answered});
  result.timings = timer.finish();
  return result;
}

}  // namespace sanad::assistant
