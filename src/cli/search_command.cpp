#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/index_context.h"
#include "retrieval/result_json.h"

namespace sanad::cli {

namespace {

// The passage on one line, shortened to about `limit` bytes at a character boundary.
std::string one_line(const std::string& text, size_t limit) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() <= limit) return out;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "…";
}

void print_text(const retrieval::RetrievalResult& result) {
  if (!result.note.empty()) std::printf("(%s)\n", result.note.c_str());
  if (result.passages.empty()) std::printf("no results\n");
  int rank = 1;
  for (const auto& p : result.passages) {
    std::printf("%2d. %.4f  %s", rank++, p.score, p.title.c_str());
    if (p.page > 0) std::printf(", p. %lld", static_cast<long long>(p.page));
    if (!p.section.empty()) std::printf(" — %s", p.section.c_str());
    std::printf("\n    %s\n", one_line(p.text, 240).c_str());
  }
  std::printf("%zu results, %s, %.2f ms\n", result.passages.size(), result.mode_used.c_str(), result.timings.total_ms);
}

}  // namespace

void add_search_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("search", "Search the indexed documents from the current data directory");
  auto query = std::make_shared<std::string>();
  auto k = std::make_shared<size_t>(10);
  auto mode = std::make_shared<std::string>("hybrid");
  auto json = std::make_shared<bool>(false);
  cmd->add_option("query", *query, "what to search for")->required();
  cmd->add_option("--k", *k, "number of results (1-100; default 10)");
  cmd->add_option("--mode", *mode, "lexical, vector or hybrid (default hybrid)");
  cmd->add_flag("--json", *json, "print the result as GET /api/search does");
  cmd->callback([&action, query, k, mode, json] {
    action = [query, k, mode, json] {
      auto parsed_mode = search::parse_search_mode(*mode);
      if (!parsed_mode) return fail(parsed_mode.status());
      auto config = load_effective_config();
      if (!config) return fail(config.status());
      auto ctx = open_index(*config);
      if (!ctx) return fail(ctx.status());
      retrieval::RetrievalRequest request;
      request.query = *query;
      request.k = *k;
      request.mode = *parsed_mode;
      request.access = search::AccessFilter::everything();  // the operator reads everything
      auto result = ctx->index->retrieve(request);
      if (!result) return fail(result.status());
      if (*json) {
        std::printf("%s\n", retrieval::search_result_json(*result).c_str());
      } else {
        print_text(*result);
      }
      return kExitOk;
    };
  });
}

}  // namespace sanad::cli
