// A malformed or unsupported model folder gives an error naming the file and
// the problem.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "embed/embedder.h"
#include "embed/local_embedder.h"
#include "model_dir.h"

namespace sanad::embed {
namespace {

using testing::TempDir;

// A tiny BERT (hidden 8) built from the bert fixture's tokenizer files.
class TinyModel : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = dir_.path() + "/tiny";
    std::filesystem::copy(testing::fixture_dir("bert"), model_, std::filesystem::copy_options::recursive);
    std::filesystem::remove(model_ + "/expected.json");
    config_ = nlohmann::json::parse(testing::read_file(model_ + "/config.json"));
    config_["hidden_size"] = 8;
    config_["num_attention_heads"] = 2;
    config_["num_hidden_layers"] = 1;
    config_["intermediate_size"] = 16;
    config_["max_position_embeddings"] = 32;
    save_config();
    auto parsed = load_model_config(model_);
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().to_string();
    encoder_ = parsed->encoder;
    ASSERT_TRUE(write_random_weights(weights(), encoder_, DType::kF32).is_ok());
  }
  void save_config() { testing::write_file(model_ + "/config.json", config_.dump()); }
  std::string weights() const { return model_ + "/model.safetensors"; }

  Status load_error() {
    auto e = LocalEmbedder::load(model_);
    return e.is_ok() ? Status::ok() : e.status();
  }

  TempDir dir_;
  std::string model_;
  nlohmann::json config_;
  EncoderConfig encoder_;
};

void expect_mentions(const Status& s, std::initializer_list<std::string> parts) {
  ASSERT_FALSE(s.is_ok());
  for (const std::string& part : parts) {
    EXPECT_NE(s.message().find(part), std::string::npos) << s.to_string() << " lacks " << part;
  }
}

TEST_F(TinyModel, LoadsAndEmbeds) {
  auto e = LocalEmbedder::load(model_);
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  auto v = (*e)->embed({"hello world", ""}, InputKind::kQuery);
  ASSERT_TRUE(v.is_ok());
  ASSERT_EQ(v->size(), 2u);
  EXPECT_EQ(v->at(0).size(), 8u);
  EXPECT_NE(v->at(0), v->at(1));
  EXPECT_EQ((*e)->model_id().rfind("tiny-", 0), 0u);
}

TEST_F(TinyModel, MissingConfig) {
  std::filesystem::remove(model_ + "/config.json");
  expect_mentions(load_error(), {"config.json", "missing"});
  expect_mentions(LocalEmbedder::load(dir_.path() + "/nowhere").status(), {"nowhere", "no such directory"});
}

TEST_F(TinyModel, UnsupportedArchitecture) {
  config_["architectures"] = {"GPT2Model"};
  save_config();
  expect_mentions(load_error(), {"config.json", "unsupported architecture 'GPT2Model'"});
}

TEST_F(TinyModel, InvalidConfigValues) {
  config_["num_attention_heads"] = 3;
  save_config();
  expect_mentions(load_error(), {"config.json", "num_attention_heads"});
  testing::write_file(model_ + "/config.json", "{not json");
  expect_mentions(load_error(), {"config.json", "not a JSON object"});
}

TEST_F(TinyModel, WrongTensorShape) {
  EncoderConfig other = encoder_;
  other.intermediate = 12;
  ASSERT_TRUE(write_random_weights(weights(), other, DType::kF32).is_ok());
  expect_mentions(load_error(), {"model.safetensors", "encoder.layer.0.intermediate.dense.weight",
                                 "[12, 8]", "expected [16, 8]"});
}

TEST_F(TinyModel, TruncatedHeader) {
  std::string bytes = testing::read_file(weights());
  testing::write_file(weights(), bytes.substr(0, 100));
  expect_mentions(load_error(), {"model.safetensors", "truncated header"});
  testing::write_file(weights(), bytes.substr(0, 5));
  expect_mentions(load_error(), {"model.safetensors", "truncated header"});
}

TEST_F(TinyModel, TruncatedData) {
  std::string bytes = testing::read_file(weights());
  testing::write_file(weights(), bytes.substr(0, bytes.size() - 64));
  expect_mentions(load_error(), {"model.safetensors", "outside the file"});
}

TEST_F(TinyModel, UnsupportedDtype) {
  // Relabel the first tensor's F32 as I32 (same width, so the file stays consistent).
  std::string bytes = testing::read_file(weights());
  const size_t at = bytes.find("\"F32\"");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 5, "\"I32\"");
  testing::write_file(weights(), bytes);
  expect_mentions(load_error(), {"model.safetensors", "dtype I32", "supported: F32, F16, BF16"});
}

TEST_F(TinyModel, MissingWeightsAndTokenizer) {
  std::filesystem::remove(weights());
  expect_mentions(load_error(), {"model.safetensors", "cannot open"});
  std::filesystem::remove(model_ + "/vocab.txt");
  expect_mentions(load_error(), {"no tokenizer", "vocab.txt"});
}

TEST_F(TinyModel, UnsupportedPooling) {
  testing::write_file(model_ + "/1_Pooling/config.json",
                      R"({"pooling_mode_mean_tokens": true, "pooling_mode_max_tokens": true})");
  expect_mentions(load_error(), {"1_Pooling/config.json", "exactly one"});
}

TEST_F(TinyModel, TruncatesToMaxSeqLength) {
  testing::write_file(model_ + "/sentence_bert_config.json", R"({"max_seq_length": 6})");
  auto e = LocalEmbedder::load(model_);
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ((*e)->tokenize("the the the the the the the the", InputKind::kPassage).size(), 6u);
  // Longer than the position table: capped by max_position_embeddings.
  testing::write_file(model_ + "/sentence_bert_config.json", R"({"max_seq_length": 4096})");
  auto capped = LocalEmbedder::load(model_);
  ASSERT_TRUE(capped.is_ok());
  std::string longer;
  for (int i = 0; i < 100; ++i) longer += "the ";
  EXPECT_EQ((*capped)->tokenize(longer, InputKind::kPassage).size(), 32u);
  EXPECT_TRUE((*capped)->embed({longer}, InputKind::kPassage).is_ok());
}

TEST_F(TinyModel, CommandJsonAndFactory) {
  auto json = embed_command_json(model_, true, {"hello", "world"});
  ASSERT_TRUE(json.is_ok()) << json.status().to_string();
  const auto parsed = nlohmann::json::parse(*json);
  ASSERT_TRUE(parsed.is_array());
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0].size(), 8u);
  EXPECT_FALSE(embed_command_json(dir_.path() + "/nowhere", false, {"x"}).is_ok());

  core::EmbeddingConfig none;
  auto nothing = make_embedder(none);
  ASSERT_TRUE(nothing.is_ok());
  EXPECT_EQ(nothing->get(), nullptr);
  core::EmbeddingConfig local;
  local.model_dir = model_;
  local.threads = 1;
  auto made = make_embedder(local);
  ASSERT_TRUE(made.is_ok());
  ASSERT_NE(made->get(), nullptr);
  EXPECT_EQ((*made)->dimension(), 8u);

  // SANAD_EMBED_PRECISION=int8 reaches the encoder: close to, not equal to, fp32.
  core::EmbeddingConfig quantized = local;
  quantized.precision = "int8";
  auto made_int8 = make_embedder(quantized);
  ASSERT_TRUE(made_int8.is_ok());
  auto exact = (*made)->embed({"hello world"}, InputKind::kPassage);
  auto approx = (*made_int8)->embed({"hello world"}, InputKind::kPassage);
  ASSERT_TRUE(exact.is_ok() && approx.is_ok());
  double dot = 0.0, diff = 0.0;
  for (size_t i = 0; i < exact->at(0).size(); ++i) {
    dot += static_cast<double>(exact->at(0)[i]) * approx->at(0)[i];
    diff += std::abs(static_cast<double>(exact->at(0)[i]) - approx->at(0)[i]);
  }
  EXPECT_GT(diff, 0.0);
  EXPECT_GT(dot, 0.99);  // both normalised
}

TEST_F(TinyModel, E5FolderNameGivesPrefixesUnlessConfigured) {
  const std::string e5 = dir_.path() + "/multilingual-e5-small";
  std::filesystem::copy(model_, e5, std::filesystem::copy_options::recursive);
  auto c = load_model_config(e5);
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(c->query_prefix, "query: ");
  EXPECT_EQ(c->passage_prefix, "passage: ");
  testing::write_file(e5 + "/config_sentence_transformers.json",
                      R"({"prompts": {"query": "Q: ", "passage": ""}})");
  auto configured = load_model_config(e5);
  ASSERT_TRUE(configured.is_ok());
  EXPECT_EQ(configured->query_prefix, "Q: ");
  EXPECT_EQ(configured->passage_prefix, "");
}

}  // namespace
}  // namespace sanad::embed
