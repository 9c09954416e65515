#pragma once
// Sentence embeddings behind one interface: a local encoder reading a Hugging
// Face model folder, or an OpenAI-compatible /v1/embeddings endpoint.

#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"

namespace sanad::embed {

// Queries and passages may get different prefixes (e5: "query: " / "passage: ").
enum class InputKind { kQuery, kPassage };

// Turns texts into fixed-size vectors. Implementations are thread-safe. embed()
// is CPU-heavy (or blocks on the network): never call it on HTTP I/O threads.
class Embedder {
 public:
  virtual ~Embedder() = default;
  // One vector of dimension() floats per text, in order.
  virtual Result<std::vector<std::vector<float>>> embed(const std::vector<std::string>& texts,
                                                        InputKind kind) = 0;
  virtual size_t dimension() const = 0;
  // A stable name for the model: changes when the model (or its configuration) does.
  virtual std::string model_id() const = 0;
};

// From the configuration: a local model folder (model_dir), else a remote
// endpoint (url), else none (an OK Result holding nullptr: lexical retrieval only).
Result<std::unique_ptr<Embedder>> make_embedder(const core::EmbeddingConfig& config);

// What `sanad embed --model DIR [--query] TEXT...` prints: one JSON array holding
// one array of floats per text.
Result<std::string> embed_command_json(const std::string& model_dir, bool query,
                                       const std::vector<std::string>& texts, bool int8 = false);

}  // namespace sanad::embed
