#include "tiny_model.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "embed/model_config.h"
#include "embed/random_weights.h"

namespace sanad::testing {

void write_tiny_bert(const std::string& dir) {
  std::filesystem::copy(std::string(SANAD_SOURCE_DIR) + "/tests/fixtures/embed/bert", dir,
                        std::filesystem::copy_options::recursive);
  std::filesystem::remove(dir + "/expected.json");
  auto config = nlohmann::json::parse(std::ifstream(dir + "/config.json"));
  config["hidden_size"] = 8;
  config["num_attention_heads"] = 2;
  config["num_hidden_layers"] = 1;
  config["intermediate_size"] = 16;
  config["max_position_embeddings"] = 32;
  std::ofstream(dir + "/config.json") << config.dump();
  auto parsed = embed::load_model_config(dir);
  if (!parsed) throw std::runtime_error(parsed.status().to_string());
  Status written = embed::write_random_weights(dir + "/model.safetensors", parsed->encoder, embed::DType::kF32);
  if (!written) throw std::runtime_error(written.to_string());
}

}  // namespace sanad::testing
