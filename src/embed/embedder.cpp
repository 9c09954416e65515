#include "embed/embedder.h"

#include <nlohmann/json.hpp>

#include "embed/local_embedder.h"
#include "embed/remote_embedder.h"

namespace sanad::embed {

Result<std::unique_ptr<Embedder>> make_embedder(const core::EmbeddingConfig& config) {
  if (!config.model_dir.empty()) {
    SANAD_ASSIGN_OR_RETURN(auto local, LocalEmbedder::load(config.model_dir, config.threads, config.precision == "int8"));
    return std::unique_ptr<Embedder>(std::move(local));
  }
  if (!config.url.empty()) {
    RemoteOptions options;
    options.url = config.url;
    options.api_key = config.api_key;
    options.model = config.model_name;
    SANAD_ASSIGN_OR_RETURN(auto remote, RemoteEmbedder::create(options));
    return std::unique_ptr<Embedder>(std::move(remote));
  }
  return std::unique_ptr<Embedder>();
}

Result<std::string> embed_command_json(const std::string& model_dir, bool query,
                                       const std::vector<std::string>& texts, bool int8) {
  SANAD_ASSIGN_OR_RETURN(auto embedder, LocalEmbedder::load(model_dir, 0, int8));
  SANAD_ASSIGN_OR_RETURN(auto vectors,
                         embedder->embed(texts, query ? InputKind::kQuery : InputKind::kPassage));
  return nlohmann::json(vectors).dump();
}

}  // namespace sanad::embed
