#pragma once
// Standard ranking metrics (as computed by trec_eval/BEIR). Pure functions;
// thread-safe. `relevance` maps a document id to its graded judgement; a grade > 0
// is relevant; documents absent from it have grade 0.

#include <string>
#include <unordered_map>
#include <vector>

namespace sanad::search {

using Judgements = std::unordered_map<std::string, int>;

// nDCG@k with linear gain (the grade) and log2(rank + 1) discount; the ideal ranking
// orders every judged document by grade. 0 when nothing is relevant.
double ndcg_at_k(const std::vector<std::string>& ranked, const Judgements& relevance, size_t k);

// Fraction of the relevant documents found in the first k. 0 when nothing is relevant.
double recall_at_k(const std::vector<std::string>& ranked, const Judgements& relevance, size_t k);

// 1 / rank of the first relevant document within the first k, else 0.
double mrr_at_k(const std::vector<std::string>& ranked, const Judgements& relevance, size_t k);

// Percentile p in [0, 100] by the nearest-rank method; 0 for an empty sample.
double percentile(std::vector<double> sample, double p);

}  // namespace sanad::search
