#pragma once
// The extractive answerer's SentenceSimilarity backed by an embedding model: the
// sentences are embedded as passages in one batch, the question as a query (or the
// vector retrieval already computed for the same text is reused), and each
// sentence gets its cosine with the question.

#include <string>
#include <vector>

#include "assistant/extractive_answerer.h"
#include "embed/embedder.h"

namespace sanad::assistant {

// `embedder` must outlive the returned function (which is as thread-safe as the
// embedder). `query_vector` is the question's vector when the caller has it for
// exactly `query_text` (empty: the question is embedded when asked); it is used
// only for a question equal to `query_text`.
SentenceSimilarity embedding_similarity(embed::Embedder& embedder, std::string query_text,
                                        std::vector<float> query_vector);

// Cosine of two vectors of one size; 0 when either is zero or the sizes differ.
double cosine(const std::vector<float>& a, const std::vector<float>& b);

}  // namespace sanad::assistant
