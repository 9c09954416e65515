#pragma once
// A Retriever over a fixed list of passages for tests: returns those the access
// filter allows whose text shares a lower-cased word with the query, best first in
// list order, and counts its calls.

#include <atomic>
#include <string>
#include <vector>

#include "retrieval/retriever.h"

namespace sanad::assistant::testing {

class FakeRetriever : public retrieval::Retriever {
 public:
  explicit FakeRetriever(std::vector<retrieval::Passage> passages) : passages_(std::move(passages)) {}

  Result<retrieval::RetrievalResult> retrieve(const retrieval::RetrievalRequest& request) const override;
  uint64_t index_version() const override { return version_; }

  void set_version(uint64_t v) { version_ = v; }
  int calls() const { return calls_; }
  const std::string& last_query() const { return last_query_; }

 private:
  std::vector<retrieval::Passage> passages_;
  uint64_t version_ = 1;
  mutable std::atomic<int> calls_{0};
  mutable std::string last_query_;
};

retrieval::Passage passage(const std::string& doc, const std::string& folder, int64_t ordinal, const std::string& text,
                           const std::string& language = "fr", int64_t start = 0);

}  // namespace sanad::assistant::testing
