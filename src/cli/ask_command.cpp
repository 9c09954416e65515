// `sanad ask QUESTION [--json]`: one answer from the library, as the server would
// give it to an administrator (every folder readable), streamed to stdout, then
// its sources. Uses the configured provider (extractive without a key).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "assistant/answer_json.h"
#include "assistant/faq_matcher.h"
#include "assistant/pipeline.h"
#include "assistant/sql_chunk_source.h"
#include "cli/command.h"
#include "cli/index_context.h"
#include "llm/provider_factory.h"

namespace sanad::cli {

namespace {

// Prints each piece as it comes (plain mode) or nothing (JSON mode).
class PrintEvents : public assistant::AnswerEvents {
 public:
  explicit PrintEvents(bool print) : print_(print) {}
  bool on_delta(std::string_view text) override {
    if (print_) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    }
    return true;
  }

 private:
  bool print_;
};

int run_ask(const std::string& question, bool json, double min_coverage) {
  auto config = load_effective_config();
  if (!config) return fail(config.status());
  auto ctx = open_index(*config);
  if (!ctx) return fail(ctx.status());
  auto provider = llm::make_chat_provider(config->llm);
  if (!provider) return fail(provider.status());

  assistant::FaqMatcher faq(*ctx->db);
  assistant::SqlChunkSource chunks(*ctx->db);
  assistant::PipelineOptions options;
  if (min_coverage >= 0) {
    options.extractive.min_coverage = min_coverage;
    options.min_evidence = min_coverage;
  }
  assistant::AnswerPipeline pipeline(*ctx->index, provider->get(), &faq, &chunks, nullptr, options, ctx->embedder.get());
  assistant::AnswerRequest request;
  request.question = question;
  request.access = search::AccessFilter::everything();
  PrintEvents events(!json);
  auto answer = pipeline.answer(request, events);
  if (!answer) return fail(answer.status());

  if (json) {
    nlohmann::json out = {{"answer", answer->text},
                          {"citations", assistant::citations_to_json(answer->citations)},
                          {"answered", answer->answered},
                          {"origin", answer->origin},
                          {"evidence", answer->evidence},
                          {"timings", assistant::timings_to_json(answer->timings)}};
    // The closest curated question, whatever its similarity (for measuring the threshold).
    if (auto best = faq.best(question, request.access); best.is_ok() && best->has_value()) {
      out["faq_best"] = {{"id", (*best)->id}, {"question", (*best)->question}, {"similarity", (*best)->similarity}};
    }
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return kExitOk;
  }
  std::printf("\n");
  if (!answer->citations.empty()) std::printf("\nSources:\n");
  for (const auto& c : answer->citations) {
    std::printf("[%d] %s", c.n, c.title.c_str());
    if (c.page > 0) std::printf(", page %lld", static_cast<long long>(c.page));
    if (!c.section.empty()) std::printf(" (%s)", c.section.c_str());
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

void add_ask_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("ask", "Answer a question from the library, with its sources (as an administrator)");
  auto question = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto min_coverage = std::make_shared<double>(-1);
  cmd->add_option("question", *question, "the question")->required();
  cmd->add_flag("--json", *json,
                "print {answer, citations, answered, origin, evidence, timings, faq_best} as JSON");
  cmd->add_option("--min-coverage", *min_coverage,
                  "evidence threshold (0..1) instead of the default, for measurements (docs/answers.md)");
  cmd->callback([&action, question, json, min_coverage] {
    action = [question, json, min_coverage] { return run_ask(*question, *json, *min_coverage); };
  });
}

}  // namespace sanad::cli
