#include "embed/random_weights.h"

#include <map>

namespace sanad::embed {
namespace {

uint64_t fnv1a64(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

uint64_t splitmix64(uint64_t x) {
  uint64_t z = x + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<float> random_tensor_values(const std::string& name, size_t count) {
  int64_t m = 127;
  float scale = 1.0f / 4096.0f, offset = 0.0f;
  if (name.find("LayerNorm") != std::string::npos) {
    if (ends_with(name, ".weight")) {
      m = 15, scale = 1.0f / 128.0f, offset = 1.0f;
    } else {
      m = 31, scale = 1.0f / 1024.0f;
    }
  } else if (name.rfind("embeddings.", 0) == 0) {
    scale = 1.0f / 1024.0f;
  }
  const uint64_t base = fnv1a64(name);
  const auto modulus = static_cast<uint64_t>(2 * m + 1);
  std::vector<float> values(count);
  for (size_t i = 0; i < count; ++i) {
    const auto k = static_cast<int64_t>(splitmix64(base + i) % modulus) - m;
    values[i] = offset + static_cast<float>(k) * scale;
  }
  return values;
}

Status write_random_weights(const std::string& path, const EncoderConfig& c, DType dtype) {
  std::map<std::string, TensorToWrite> tensors;
  auto add = [&](const std::string& name, std::vector<int64_t> shape) {
    size_t count = 1;
    for (int64_t d : shape) count *= static_cast<size_t>(d);
    tensors[name] = TensorToWrite{std::move(shape), random_tensor_values(name, count), dtype};
  };
  const int64_t h = c.hidden, inter = c.intermediate;
  add("embeddings.word_embeddings.weight", {c.vocab_size, h});
  add("embeddings.position_embeddings.weight", {c.max_positions, h});
  add("embeddings.token_type_embeddings.weight", {c.type_vocab_size, h});
  add("embeddings.LayerNorm.weight", {h});
  add("embeddings.LayerNorm.bias", {h});
  for (int64_t i = 0; i < c.layers; ++i) {
    const std::string l = "encoder.layer." + std::to_string(i) + ".";
    for (const char* part : {"query", "key", "value"}) {
      add(l + "attention.self." + part + ".weight", {h, h});
      add(l + "attention.self." + part + ".bias", {h});
    }
    add(l + "attention.output.dense.weight", {h, h});
    add(l + "attention.output.dense.bias", {h});
    add(l + "attention.output.LayerNorm.weight", {h});
    add(l + "attention.output.LayerNorm.bias", {h});
    add(l + "intermediate.dense.weight", {inter, h});
    add(l + "intermediate.dense.bias", {inter});
    add(l + "output.dense.weight", {h, inter});
    add(l + "output.dense.bias", {h});
    add(l + "output.LayerNorm.weight", {h});
    add(l + "output.LayerNorm.bias", {h});
  }
  return write_safetensors(path, tensors);
}

}  // namespace sanad::embed
