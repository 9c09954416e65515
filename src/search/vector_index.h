#pragma once
// Approximate nearest-neighbour index over normalised vectors (cosine similarity
// as inner product), backed by hnswlib's HNSW graph, with exact brute-force search
// for small corpora and for restrictive filters. Documents are identified by the
// caller's ordinals. Not synchronised: the owner serialises writers and readers
// (concurrent const searches are safe).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "search/lexical_index.h"

namespace hnswlib {
template <typename T>
class SpaceInterface;
}

namespace sanad::search {

// How vectors are stored: float32, or int8 with a per-vector scale (a quarter of
// the memory; recall measured in docs/benchmarks.md).
enum class VectorStorage : uint8_t { kFloat32 = 0, kInt8 = 1 };

struct VectorOptions {
  size_t m = 16;                 // HNSW graph degree
  size_t ef_construction = 100;  // build-time beam width (recall@10 0.9995 at 100k, clustered bench)
  size_t ef_search = 64;         // minimum query-time beam width
  size_t exact_below = 4096;     // live vectors (or allowed ones) under which search is exact
  VectorStorage storage = VectorStorage::kFloat32;
};

class VectorIndex {
 public:
  explicit VectorIndex(VectorOptions options = {});
  ~VectorIndex();
  VectorIndex(const VectorIndex&) = delete;
  VectorIndex& operator=(const VectorIndex&) = delete;

  // Adds (a normalised copy of) `vector` under `ordinal`. The first vector fixes the
  // dimension; later ones must match. A zero vector is rejected.
  Status add(uint32_t ordinal, const std::vector<float>& vector);
  // Marks `ordinal` deleted (no-op when absent).
  void remove(uint32_t ordinal);

  // The k most similar live vectors among those `allowed` accepts, best first
  // (score = cosine similarity). `allowed_count` estimates how many live vectors the
  // filter accepts (SIZE_MAX when unknown/all): small allowed sets are searched
  // exactly, larger ones through HNSW with a widening beam until k hits are found,
  // then exactly as a last resort, so a filter never starves the result list.
  std::vector<ScoredOrdinal> search(const std::vector<float>& query, size_t k,
                                    const std::function<bool(uint32_t)>& allowed,
                                    size_t allowed_count) const;
  // Exact search over every live vector (reference for recall measurements).
  std::vector<ScoredOrdinal> exact_search(const std::vector<float>& query, size_t k,
                                          const std::function<bool(uint32_t)>& allowed) const;

  size_t dimension() const { return dimension_; }
  size_t live_count() const { return live_; }
  bool empty() const { return live_ == 0; }

  // Writes the graph to `scratch_path` temporarily and appends it to `out`.
  Status save(BinaryWriter& out, const std::string& scratch_path) const;
  // Reads what save() wrote, using `scratch_path` temporarily.
  Status load(BinaryReader& in, const std::string& scratch_path);

 private:
  struct Impl;
  VectorOptions options_;
  size_t dimension_ = 0;
  size_t live_ = 0;
  std::unique_ptr<Impl> impl_;
  // The stored form of a normalised vector (its float bytes, or its int8 encoding).
  std::vector<uint8_t> stored_form(const std::vector<float>& normalised) const;
  std::unique_ptr<hnswlib::SpaceInterface<float>> make_space(size_t dimension) const;
};

// Scales `v` to unit length in place; false if it is (nearly) zero.
bool normalize_vector(std::vector<float>& v);

}  // namespace sanad::search
