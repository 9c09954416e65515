// search_beir_eval DIR [--stemmer none|light|snowball] [--hamza keep|hamza|carrier]
//                      [--k1 X] [--b X] [--no-stop] [--title W] [--json]
// Runs evaluate_beir() with the given analysis settings; used to choose the
// defaults by measurement (docs/benchmarks.search.md).

#include <cstdio>
#include <cstdlib>
#include <string>

#include "search/beir_eval.h"

int main(int argc, char** argv) {
  using namespace sanad::search;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [options]\n", argv[0]);
    return 2;
  }
  EvalOptions options;
  bool json = false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const std::string next = i + 1 < argc ? argv[i + 1] : "";
    if (arg == "--stemmer") {
      options.search.analyzer.arabic_stemmer = next == "none"    ? ArabicStemmer::kNone
                                               : next == "light" ? ArabicStemmer::kLight
                                                                 : ArabicStemmer::kSnowball;
      ++i;
    } else if (arg == "--hamza") {
      options.search.analyzer.hamza_seats = next == "keep"    ? HamzaSeats::kKeep
                                            : next == "hamza" ? HamzaSeats::kToHamza
                                                              : HamzaSeats::kToCarrier;
      ++i;
    } else if (arg == "--k1") {
      options.search.bm25.k1 = std::atof(next.c_str());
      ++i;
    } else if (arg == "--b") {
      options.search.bm25.b = std::atof(next.c_str());
      ++i;
    } else if (arg == "--title") {
      options.search.fields.title = std::atof(next.c_str());
      ++i;
    } else if (arg == "--no-stop") {
      options.search.analyzer.remove_stop_words = false;
    } else if (arg == "--json") {
      json = true;
    }
  }
  auto report = evaluate_beir(argv[1], options);
  if (!report.is_ok()) {
    std::fprintf(stderr, "%s\n", report.status().to_string().c_str());
    return 1;
  }
  if (json) {
    std::printf("%s\n", eval_report_json(*report).c_str());
  } else {
    std::printf("nDCG@10 %.4f  Recall@100 %.4f  MRR@10 %.4f  p50 %.3f ms  p99 %.3f ms  (%zu queries, %zu docs)\n",
                report->ndcg_at_10, report->recall_at_100, report->mrr_at_10, report->p50_ms,
                report->p99_ms, report->queries, report->documents);
  }
  return 0;
}
