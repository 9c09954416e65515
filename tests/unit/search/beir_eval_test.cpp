#include "search/beir_eval.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "test_support.h"

namespace sanad::search {
namespace {

TEST(BeirEval, MiniSetIsPerfectlyRetrieved) {
  auto report = evaluate_beir(testing::fixture_path("beir-mini"), EvalOptions{});
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->queries, 3u);  // q4 has no judgements
  EXPECT_EQ(report->documents, 4u);
  EXPECT_DOUBLE_EQ(report->ndcg_at_10, 1.0);
  EXPECT_DOUBLE_EQ(report->recall_at_100, 1.0);
  EXPECT_DOUBLE_EQ(report->mrr_at_10, 1.0);
  EXPECT_GE(report->p99_ms, report->p50_ms);
}

TEST(BeirEval, JsonHasExactlyTheDocumentedKeys) {
  EvalReport r;
  r.ndcg_at_10 = 0.5;
  r.queries = 3;
  r.documents = 4;
  const auto j = nlohmann::json::parse(eval_report_json(r));
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"documents", "mrr@10", "ndcg@10", "p50_ms", "p99_ms",
                                            "queries", "recall@100"}));
  EXPECT_DOUBLE_EQ(j["ndcg@10"].get<double>(), 0.5);
  EXPECT_EQ(j["documents"].get<int>(), 4);
}

TEST(BeirEval, MissingFolderAndVectorModeWithoutModel) {
  EXPECT_EQ(evaluate_beir("/nonexistent-beir", EvalOptions{}).status().code(), ErrorCode::kNotFound);
  EvalOptions vector;
  vector.mode = SearchMode::kVector;
  EXPECT_EQ(evaluate_beir(testing::fixture_path("beir-mini"), vector).status().code(),
            ErrorCode::kUnsupported);
}

TEST(BeirEval, HybridWithoutModelReportsLexical) {
  EvalOptions hybrid;
  hybrid.mode = SearchMode::kHybrid;
  auto report = evaluate_beir(testing::fixture_path("beir-mini"), hybrid);
  ASSERT_TRUE(report.is_ok());
  EXPECT_EQ(report->mode_used, "lexical");
}

// The quality target on the shared Arabic sets (Xapian BM25 reference: 0.301, 0.793).
TEST(BeirEval, BeatsXapianReferenceOnSharedSets) {
  const std::string root = std::string(SANAD_SOURCE_DIR) + "/../shared/data/eval";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "shared data not found at " << root;
  auto quran = evaluate_beir(root + "/quran-qa-2023-train", EvalOptions{});
  ASSERT_TRUE(quran.is_ok()) << quran.status().to_string();
  EXPECT_GT(quran->ndcg_at_10, 0.301);
  auto arcd = evaluate_beir(root + "/arcd-train", EvalOptions{});
  ASSERT_TRUE(arcd.is_ok()) << arcd.status().to_string();
  EXPECT_GT(arcd->ndcg_at_10, 0.793);
}

}  // namespace
}  // namespace sanad::search
