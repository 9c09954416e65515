// The offline commands of the real binary: `sanad eval` on a BEIR set and
// `sanad embed` on a model folder.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "embed/model_config.h"
#include "embed/random_weights.h"
#include "sanad_process.h"
#include "tiny_model.h"
#include "temp_dir.h"

namespace sanad::testing {
namespace {

using nlohmann::json;

// These commands need no database; a data directory of their own is enough.
std::map<std::string, std::string> offline_env(const TempDir& dir) {
  return {{"SANAD_DATA_DIR", dir.file("data")}, {"SANAD_LOG_LEVEL", "warn"}};
}

const std::string kShared = std::string(SANAD_SOURCE_DIR) + "/../shared/data";

TEST(CliCommands, EvalPrintsTheDocumentedJsonKeys) {
  const std::string set = kShared + "/eval/arcd-train";
  if (!std::filesystem::exists(set + "/corpus.jsonl")) GTEST_SKIP() << "needs " << set;
  TempDir home;
  auto [code, out] = run_sanad({"eval", "--beir", set, "--json"}, offline_env(home));
  ASSERT_EQ(code, 0) << out;
  auto report = json::parse(out);
  for (const char* key : {"ndcg@10", "recall@100", "mrr@10", "p50_ms", "p99_ms", "queries", "documents"}) {
    EXPECT_TRUE(report.contains(key)) << key;
  }
  EXPECT_EQ(report.size(), 7u);
  EXPECT_EQ(report["queries"], 693);
  EXPECT_EQ(report["documents"], 460);
  // Xapian BM25 reaches 0.793 on this set (shared/data/README.md).
  EXPECT_GT(report["ndcg@10"].get<double>(), 0.793);
}

TEST(CliCommands, EvalRejectsBadInput) {
  TempDir home;
  auto env = offline_env(home);
  auto [missing_code, missing] = run_sanad({"eval", "--beir", "/nonexistent/set"}, env);
  EXPECT_NE(missing_code, 0);
  TempDir empty;
  auto [empty_code, empty_out] = run_sanad({"eval", "--beir", empty.path()}, env);
  EXPECT_EQ(empty_code, 1);
  EXPECT_NE(empty_out.find("corpus.jsonl"), std::string::npos) << empty_out;
  auto [mode_code, mode_out] = run_sanad({"eval", "--beir", empty.path(), "--mode", "vector"}, env);
  EXPECT_NE(mode_code, 0);
  EXPECT_NE(mode_out.find("EMBEDDING_MODEL"), std::string::npos) << mode_out;
}

TEST(CliCommands, EmbedPrintsOneNormalisedVectorPerText) {
  // A tiny BERT built from the committed fixture's tokenizer files and rule weights.
  TempDir dir;
  const std::string model = dir.file("tiny");
  write_tiny_bert(model);

  auto env = offline_env(dir);
  auto [code, out] = run_sanad({"embed", "--model", model, "--query", "hello world", "what is a token?"}, env);
  ASSERT_EQ(code, 0) << out;
  auto vectors = json::parse(out);
  ASSERT_EQ(vectors.size(), 2u);
  for (const auto& v : vectors) {
    ASSERT_EQ(v.size(), 8u);
    double norm = 0;
    for (double x : v) norm += x * x;
    EXPECT_NEAR(std::sqrt(norm), 1.0, 1e-4);
  }
  EXPECT_NE(vectors[0], vectors[1]);

  auto [bad_code, bad] = run_sanad({"embed", "--model", dir.path(), "x"}, env);
  EXPECT_EQ(bad_code, 1);
  EXPECT_NE(bad.find("config.json"), std::string::npos) << bad;
}

}  // namespace
}  // namespace sanad::testing
