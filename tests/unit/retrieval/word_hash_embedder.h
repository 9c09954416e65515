#pragma once
// A deterministic stand-in embedder for tests: each lower-cased ASCII word adds 1 to
// one of 16 dimensions chosen by its hash, so texts sharing words are close.
// Counts calls, and can be told to fail.

#include <atomic>
#include <cctype>
#include <string>
#include <vector>

#include "embed/embedder.h"

namespace sanad::testing {

class WordHashEmbedder : public embed::Embedder {
 public:
  static constexpr size_t kDimension = 16;

  Result<std::vector<std::vector<float>>> embed(const std::vector<std::string>& texts, embed::InputKind) override {
    ++calls;
    if (fail) return unavailable("embedding endpoint down");
    std::vector<std::vector<float>> out;
    for (const auto& text : texts) {
      std::vector<float> v(kDimension, 0.0f);
      v[0] = 0.01f;  // never the zero vector
      std::string word;
      auto flush = [&] {
        if (word.empty()) return;
        v[std::hash<std::string>{}(word) % kDimension] += 1.0f;
        word.clear();
      };
      for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
          word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
          flush();
        }
      }
      flush();
      out.push_back(std::move(v));
    }
    return out;
  }
  size_t dimension() const override { return kDimension; }
  std::string model_id() const override { return "word-hash-16"; }

  std::atomic<int> calls{0};
  std::atomic<bool> fail{false};
};

}  // namespace sanad::testing
