// The encoder against the independent PyTorch reference of
// tests/fixtures/embed/generate.py (same rule-generated weights).
#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <thread>
#include <nlohmann/json.hpp>

#include "embed/local_embedder.h"
#include "model_dir.h"

namespace sanad::embed {
namespace {

using testing::make_model;
using testing::TempDir;

struct Case {
  std::string text;
  InputKind kind;
  std::vector<int32_t> ids;
  nlohmann::json expected;
};

std::vector<Case> load_cases(const std::string& fixture) {
  const auto doc = nlohmann::json::parse(testing::read_file(testing::fixture_dir(fixture) + "/expected.json"));
  std::vector<Case> cases;
  for (const auto& c : doc.at("cases")) {
    cases.push_back({c.at("text").get<std::string>(),
                     c.at("kind") == "query" ? InputKind::kQuery : InputKind::kPassage,
                     c.at("ids").get<std::vector<int32_t>>(), c});
  }
  return cases;
}

// Worst agreement seen by expect_close since the last reset (printed per fixture).
struct Agreement {
  double max_diff = 0.0;
  double min_cosine = 1.0;
};

void expect_close(const std::vector<float>& got, const std::vector<float>& want, const std::string& what,
                  Agreement& worst) {
  ASSERT_EQ(got.size(), want.size()) << what;
  double max_diff = 0.0, dot = 0.0, ng = 0.0, nw = 0.0;
  for (size_t i = 0; i < got.size(); ++i) {
    max_diff = std::max(max_diff, std::abs(static_cast<double>(got[i]) - want[i]));
    dot += static_cast<double>(got[i]) * want[i];
    ng += static_cast<double>(got[i]) * got[i];
    nw += static_cast<double>(want[i]) * want[i];
  }
  EXPECT_LE(max_diff, 1e-4) << what;
  EXPECT_GE(dot / std::sqrt(ng * nw), 0.99999) << what;
  worst.max_diff = std::max(worst.max_diff, max_diff);
  worst.min_cosine = std::min(worst.min_cosine, dot / std::sqrt(ng * nw));
}

// Batch size 1 for every case, then all passages (16, mixed lengths) in one call.
void check_fixture(LocalEmbedder& embedder, const std::vector<Case>& cases, const std::string& key) {
  std::vector<std::string> passages;
  std::vector<std::vector<float>> passage_expected;
  Agreement worst;
  for (const Case& c : cases) {
    EXPECT_EQ(embedder.tokenize(c.text, c.kind), c.ids) << c.text;
    auto one = embedder.embed({c.text}, c.kind);
    ASSERT_TRUE(one.is_ok()) << one.status().to_string();
    ASSERT_EQ(one->size(), 1u);
    const auto want = c.expected.at(key).get<std::vector<float>>();
    expect_close(one->at(0), want, key + " batch 1: " + c.text, worst);
    if (c.kind == InputKind::kPassage) {
      passages.push_back(c.text);
      passage_expected.push_back(want);
    }
  }
  ASSERT_EQ(passages.size(), 16u);
  auto batch = embedder.embed(passages, InputKind::kPassage);
  ASSERT_TRUE(batch.is_ok()) << batch.status().to_string();
  ASSERT_EQ(batch->size(), passages.size());
  for (size_t i = 0; i < passages.size(); ++i) {
    expect_close(batch->at(i), passage_expected[i], key + " batch 16: " + passages[i], worst);
  }
  std::cout << "[ agreement ] " << key << ": max |diff| " << worst.max_diff << ", min cosine "
            << std::setprecision(9) << worst.min_cosine << "\n";
}

class BertDtype : public ::testing::TestWithParam<DType> {};

TEST_P(BertDtype, MatchesPyTorchReference) {
  TempDir dir;
  const std::string model = make_model(dir, "bert", GetParam());
  auto embedder = LocalEmbedder::load(model, 1);
  ASSERT_TRUE(embedder.is_ok()) << embedder.status().to_string();
  EXPECT_EQ((*embedder)->dimension(), 384u);
  EXPECT_TRUE((*embedder)->config().normalize);
  EXPECT_EQ((*embedder)->config().max_seq_length, 256u);
  check_fixture(**embedder, load_cases("bert"), "mean_normalized");
}

INSTANTIATE_TEST_SUITE_P(Dtypes, BertDtype,
                         ::testing::Values(DType::kF32, DType::kF16, DType::kBF16));

TEST(BertPooling, ClsAndMaxWithoutNormalize) {
  TempDir dir;
  const std::string model = make_model(dir, "bert", DType::kF32);
  std::filesystem::remove(model + "/modules.json");  // no Normalize module
  const auto cases = load_cases("bert");
  for (const char* mode : {"cls", "max"}) {
    testing::write_file(model + "/1_Pooling/config.json",
                        std::string("{\"pooling_mode_") + (mode == std::string("cls") ? "cls_token" : "max_tokens") +
                            "\": true}");
    auto embedder = LocalEmbedder::load(model, 1);
    ASSERT_TRUE(embedder.is_ok()) << embedder.status().to_string();
    EXPECT_FALSE((*embedder)->config().normalize);
    check_fixture(**embedder, cases, mode);
  }
}

TEST(XlmRoberta, MatchesPyTorchReferenceWithPrefixes) {
  TempDir dir;
  const std::string model = make_model(dir, "xlmr", DType::kBF16);
  auto embedder = LocalEmbedder::load(model, 1);
  ASSERT_TRUE(embedder.is_ok()) << embedder.status().to_string();
  EXPECT_EQ((*embedder)->config().query_prefix, "query: ");
  EXPECT_EQ((*embedder)->config().passage_prefix, "passage: ");
  EXPECT_EQ((*embedder)->config().encoder.position_offset, 2);
  check_fixture(**embedder, load_cases("xlmr"), "mean_normalized");
}

}  // namespace
}  // namespace sanad::embed

namespace sanad::embed {
namespace {

// Several threads share a large batch (> 256 tokens: one group of sequences each), and
// several callers share one embedder: same vectors as the reference.
TEST(BertThreads, ParallelAttentionAndConcurrentCallers) {
  testing::TempDir dir;
  const std::string model = testing::make_model(dir, "bert", DType::kF32);
  auto embedder = LocalEmbedder::load(model, 2);
  ASSERT_TRUE(embedder.is_ok()) << embedder.status().to_string();
  std::vector<std::string> texts;
  std::vector<std::vector<float>> expected;
  for (int copy = 0; copy < 4; ++copy) {
    for (const Case& c : load_cases("bert")) {
      texts.push_back(c.text);
      expected.push_back(c.expected.at("mean_normalized").get<std::vector<float>>());
    }
  }
  std::vector<Result<std::vector<std::vector<float>>>> results(3, Status(ErrorCode::kInternal, "not run"));
  std::vector<std::thread> callers;
  for (size_t t = 0; t < results.size(); ++t) {
    callers.emplace_back([&, t] { results[t] = (*embedder)->embed(texts, InputKind::kPassage); });
  }
  for (auto& t : callers) t.join();
  Agreement worst;
  for (const auto& r : results) {
    ASSERT_TRUE(r.is_ok());
    ASSERT_EQ(r->size(), texts.size());
    for (size_t i = 0; i < texts.size(); ++i) expect_close(r->at(i), expected[i], texts[i], worst);
  }
}

}  // namespace
}  // namespace sanad::embed

namespace sanad::embed {
namespace {

// int8 linear layers against fp32 on the same model. The rule's weights lie on
// a 2^-12 grid that int8 would represent exactly, so the linear weights are
// first scaled by 1.37 to move them off it; the printed agreement is the
// measured cost of quantisation.
TEST(Int8, AgreesWithFp32) {
  testing::TempDir dir;
  const std::string model = testing::make_model(dir, "bert", DType::kF32);
  const std::string path = model + "/model.safetensors";
  std::map<std::string, TensorToWrite> scaled;
  {
    auto file = SafetensorsFile::open(path);
    ASSERT_TRUE(file.is_ok());
    for (const auto& [name, view] : (*file)->tensors()) {
      auto values = (*file)->get_f32(name, view.shape);
      ASSERT_TRUE(values.is_ok());
      const bool linear_weight = name.rfind("encoder.", 0) == 0 && name.find("LayerNorm") == std::string::npos &&
                                 name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0;
      if (linear_weight) {
        for (float& v : *values) v *= 1.37f;
      }
      scaled[name] = TensorToWrite{view.shape, std::move(values).value(), DType::kF32};
    }
  }
  ASSERT_TRUE(write_safetensors(path, scaled).is_ok());
  auto fp32 = LocalEmbedder::load(model, 1, false);
  auto int8 = LocalEmbedder::load(model, 1, true);
  ASSERT_TRUE(fp32.is_ok() && int8.is_ok());
  std::vector<std::string> texts;
  for (const Case& c : load_cases("bert")) texts.push_back(c.text);
  auto a = (*fp32)->embed(texts, InputKind::kPassage);
  auto b = (*int8)->embed(texts, InputKind::kPassage);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  double max_diff = 0.0, min_cosine = 1.0;
  for (size_t i = 0; i < texts.size(); ++i) {
    double dot = 0.0;
    for (size_t k = 0; k < a->at(i).size(); ++k) {
      max_diff = std::max(max_diff, std::abs(static_cast<double>(a->at(i)[k]) - b->at(i)[k]));
      dot += static_cast<double>(a->at(i)[k]) * b->at(i)[k];  // both unit vectors
    }
    min_cosine = std::min(min_cosine, dot);
  }
  std::cout << "[ int8 vs fp32 ] max |diff| " << max_diff << ", min cosine " << std::setprecision(9)
            << min_cosine << "\n";
  EXPECT_GT(max_diff, 0.0);  // quantisation did happen
  EXPECT_GE(min_cosine, 0.999);
}

}  // namespace
}  // namespace sanad::embed
