#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "embed/embedder.h"
#include "search/beir_eval.h"

namespace sanad::cli {

namespace {

struct EvalArgs {
  std::string dir;
  std::string mode = "lexical";
  size_t k = 100;
  bool json = false;
};

int run_eval(const EvalArgs& args) {
  auto mode = search::parse_search_mode(args.mode);
  if (!mode) return fail(mode.status());
  search::EvalOptions options;
  options.mode = *mode;
  options.k = args.k;

  // Vector and hybrid modes use the configured embedding model, if any.
  std::unique_ptr<embed::Embedder> embedder;
  if (*mode != search::SearchMode::kLexical) {
    auto config = load_effective_config();
    if (!config) return fail(config.status());
    auto made = embed::make_embedder(config->embedding);
    if (!made) return fail(made.status());
    embedder = std::move(*made);
    if (embedder) {
      options.embed = [&embedder](const std::string& text, bool is_query) -> Result<std::vector<float>> {
        auto vectors =
            embedder->embed({text}, is_query ? embed::InputKind::kQuery : embed::InputKind::kPassage);
        if (!vectors) return vectors.status();
        return std::move(vectors->front());
      };
    } else if (*mode == search::SearchMode::kVector) {
      return fail(failed_precondition("--mode vector needs an embedding model: set EMBEDDING_MODEL (a local "
                                      "model folder) or EMBEDDING_URL"));
    }
  }

  auto report = search::evaluate_beir(args.dir, options);
  if (!report) return fail(report.status());
  if (args.json) {
    std::printf("%s\n", search::eval_report_json(*report).c_str());
    return kExitOk;
  }
  std::printf("BEIR set     %s\n", args.dir.c_str());
  std::printf("mode         %s%s%s\n", report->mode_used.c_str(), report->note.empty() ? "" : " — ",
              report->note.c_str());
  std::printf("documents    %zu\nqueries      %zu\n", report->documents, report->queries);
  std::printf("nDCG@10      %.4f\nRecall@100   %.4f\nMRR@10       %.4f\n", report->ndcg_at_10, report->recall_at_100,
              report->mrr_at_10);
  std::printf("latency      p50 %.3f ms, p99 %.3f ms\n", report->p50_ms, report->p99_ms);
  return kExitOk;
}

}  // namespace

void add_eval_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = app.add_subcommand(
      "eval",
      "Index a BEIR-format set (corpus.jsonl, queries.jsonl, qrels/test.tsv) into a throwaway in-memory store, "
      "run every query and print nDCG@10, Recall@100, MRR@10 and query latency");
  cmd->add_option("--beir", args->dir, "BEIR folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--mode", args->mode, "lexical, vector or hybrid (vector and hybrid use EMBEDDING_MODEL)")
      ->check(CLI::IsMember({"lexical", "vector", "hybrid"}));
  cmd->add_option("--k", args->k, "results retrieved per query (default 100)")->check(CLI::Range(1, 10000));
  cmd->add_flag("--json", args->json,
                "print one JSON object: ndcg@10, recall@100, mrr@10, p50_ms, p99_ms, queries, documents");
  cmd->callback([&action, args] { action = [args] { return run_eval(*args); }; });
}

}  // namespace sanad::cli
