#pragma once
// The remote provider: an OpenAI-compatible POST {url}/embeddings endpoint
// (OpenAI, vLLM, llama.cpp server, Ollama, ...) over libcurl. Texts are sent in
// batches; a transport error, HTTP 429 or 5xx is retried with exponential
// backoff; other HTTP errors fail at once. Thread-safe (one curl handle per call).

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "embed/embedder.h"

namespace sanad::embed {

struct RemoteOptions {
  std::string url;      // base URL ("http://host:8000/v1") or the full .../embeddings URL
  std::string api_key;  // sent as "Authorization: Bearer <key>" when not empty
  std::string model;    // the request's "model" field
  std::string query_prefix, passage_prefix;
  size_t batch_size = 64;
  std::chrono::milliseconds timeout{30000};  // per HTTP request
  unsigned max_attempts = 4;
  std::chrono::milliseconds backoff{250};  // doubled after each failed attempt
};

class RemoteEmbedder final : public Embedder {
 public:
  // Validates the options (no network access).
  static Result<std::unique_ptr<RemoteEmbedder>> create(RemoteOptions options);

  Result<std::vector<std::vector<float>>> embed(const std::vector<std::string>& texts,
                                                InputKind kind) override;
  // 0 until a first successful call has shown the endpoint's dimension.
  size_t dimension() const override;
  std::string model_id() const override;

 private:
  explicit RemoteEmbedder(RemoteOptions options) : options_(std::move(options)) {}
  Result<std::vector<std::vector<float>>> post_batch(const std::vector<std::string>& inputs);

  RemoteOptions options_;
  std::string endpoint_;
  mutable std::mutex mutex_;
  size_t dimension_ = 0;  // guarded by mutex_
};

}  // namespace sanad::embed
