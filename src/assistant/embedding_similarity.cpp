#include "assistant/embedding_similarity.h"

#include <cmath>

namespace sanad::assistant {

double cosine(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  double dot = 0;
  double na = 0;
  double nb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    dot += static_cast<double>(a[i]) * b[i];
    na += static_cast<double>(a[i]) * a[i];
    nb += static_cast<double>(b[i]) * b[i];
  }
  if (na <= 0 || nb <= 0) return 0;
  return dot / std::sqrt(na * nb);
}

SentenceSimilarity embedding_similarity(embed::Embedder& embedder, std::string query_text,
                                        std::vector<float> query_vector) {
  return [&embedder, text = std::move(query_text), vector = std::move(query_vector)](
             std::string_view question, const std::vector<std::string>& sentences) -> Result<std::vector<double>> {
    std::vector<float> q;
    if (!vector.empty() && question == text) {
      q = vector;
    } else {
      SANAD_ASSIGN_OR_RETURN(auto embedded, embedder.embed({std::string(question)}, embed::InputKind::kQuery));
      if (embedded.size() != 1) return internal_error("the embedding model returned no vector for the question");
      q = std::move(embedded.front());
    }
    SANAD_ASSIGN_OR_RETURN(auto passages, embedder.embed(sentences, embed::InputKind::kPassage));
    if (passages.size() != sentences.size()) return internal_error("the embedding model skipped sentences");
    std::vector<double> out;
    out.reserve(passages.size());
    for (const auto& p : passages) out.push_back(cosine(q, p));
    return out;
  };
}

}  // namespace sanad::assistant
