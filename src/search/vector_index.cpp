#include "search/vector_index.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

namespace sanad::search {

struct VectorIndex::Impl {
  std::unique_ptr<hnswlib::SpaceInterface<float>> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
};

namespace {

// Unit vectors stored as int8 with one float scale each (about a quarter of
// float32's memory): x ≈ scale · q, q in [-127, 127], scale = max|x| / 127. The
// distance is 1 − scale_a · scale_b · Σ q_a q_b, the inner-product distance of the
// dequantised vectors; queries are encoded the same way. (hnswlib's headers define
// non-inline functions, so this lives in the one file that includes them.)
class Int8CosineSpace : public hnswlib::SpaceInterface<float> {
 public:
  explicit Int8CosineSpace(size_t dimension) : dimension_(dimension) {}
  size_t get_data_size() override { return sizeof(float) + dimension_; }
  hnswlib::DISTFUNC<float> get_dist_func() override { return &distance; }
  void* get_dist_func_param() override { return &dimension_; }

  std::vector<uint8_t> encode(const std::vector<float>& v) const {
    std::vector<uint8_t> out(sizeof(float) + dimension_);
    float largest = 0.0f;
    for (float x : v) largest = std::max(largest, std::fabs(x));
    const float scale = largest > 0.0f ? largest / 127.0f : 1.0f;
    std::memcpy(out.data(), &scale, sizeof scale);
    auto* q = reinterpret_cast<int8_t*>(out.data() + sizeof scale);
    for (size_t i = 0; i < dimension_ && i < v.size(); ++i) {
      q[i] = static_cast<int8_t>(std::clamp(std::lround(v[i] / scale), -127L, 127L));
    }
    return out;
  }

 private:
  static float distance(const void* a, const void* b, const void* dimension) {
    const size_t n = *static_cast<const size_t*>(dimension);
    float scale_a, scale_b;
    std::memcpy(&scale_a, a, sizeof scale_a);
    std::memcpy(&scale_b, b, sizeof scale_b);
    const auto* qa = reinterpret_cast<const int8_t*>(static_cast<const uint8_t*>(a) + sizeof(float));
    const auto* qb = reinterpret_cast<const int8_t*>(static_cast<const uint8_t*>(b) + sizeof(float));
    int32_t dot = 0;
    for (size_t i = 0; i < n; ++i) dot += static_cast<int32_t>(qa[i]) * static_cast<int32_t>(qb[i]);
    return 1.0f - scale_a * scale_b * static_cast<float>(dot);
  }
  size_t dimension_;
};

bool better_hit(const ScoredOrdinal& a, const ScoredOrdinal& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.ordinal < b.ordinal;
}

}  // namespace

bool normalize_vector(std::vector<float>& v) {
  double norm = 0.0;
  for (float x : v) norm += static_cast<double>(x) * x;
  norm = std::sqrt(norm);
  if (!(norm > 1e-12)) return false;
  for (float& x : v) x = static_cast<float>(x / norm);
  return true;
}

VectorIndex::VectorIndex(VectorOptions options)
    : options_(options), impl_(std::make_unique<Impl>()) {}

VectorIndex::~VectorIndex() = default;

std::unique_ptr<hnswlib::SpaceInterface<float>> VectorIndex::make_space(size_t dimension) const {
  if (options_.storage == VectorStorage::kInt8) return std::make_unique<Int8CosineSpace>(dimension);
  return std::make_unique<hnswlib::InnerProductSpace>(dimension);
}

std::vector<uint8_t> VectorIndex::stored_form(const std::vector<float>& normalised) const {
  if (options_.storage == VectorStorage::kInt8) {
    return static_cast<const Int8CosineSpace&>(*impl_->space).encode(normalised);
  }
  std::vector<uint8_t> bytes(normalised.size() * sizeof(float));
  std::memcpy(bytes.data(), normalised.data(), bytes.size());
  return bytes;
}

Status VectorIndex::add(uint32_t ordinal, const std::vector<float>& vector) {
  if (vector.empty()) return invalid_argument("empty vector");
  if (dimension_ != 0 && vector.size() != dimension_) {
    return invalid_argument("vector has dimension " + std::to_string(vector.size()) +
                            ", the index has " + std::to_string(dimension_));
  }
  std::vector<float> v = vector;
  if (!normalize_vector(v)) return invalid_argument("zero vector");
  try {
    if (!impl_->graph) {
      dimension_ = v.size();
      impl_->space = make_space(dimension_);
      impl_->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(
          impl_->space.get(), 1024, options_.m, options_.ef_construction);
      impl_->graph->setEf(options_.ef_search);
    }
    auto& g = *impl_->graph;
    if (g.cur_element_count >= g.max_elements_) g.resizeIndex(std::max<size_t>(1024, g.max_elements_ * 2));
    g.addPoint(stored_form(v).data(), ordinal);
  } catch (const std::exception& e) {
    return internal_error(std::string("vector index: ") + e.what());
  }
  ++live_;
  return Status::ok();
}

void VectorIndex::remove(uint32_t ordinal) {
  if (!impl_->graph) return;
  auto& g = *impl_->graph;
  auto it = g.label_lookup_.find(ordinal);
  if (it == g.label_lookup_.end() || g.isMarkedDeleted(it->second)) return;
  g.markDelete(ordinal);
  --live_;
}

std::vector<ScoredOrdinal> VectorIndex::exact_search(
    const std::vector<float>& query, size_t k, const std::function<bool(uint32_t)>& allowed) const {
  std::vector<ScoredOrdinal> hits;
  if (!impl_->graph || query.size() != dimension_ || k == 0) return hits;
  std::vector<float> normalised = query;
  if (!normalize_vector(normalised)) return hits;
  const std::vector<uint8_t> q = stored_form(normalised);
  const auto& g = *impl_->graph;
  for (size_t i = 0; i < g.cur_element_count; ++i) {
    const auto internal = static_cast<hnswlib::tableint>(i);
    if (g.isMarkedDeleted(internal)) continue;
    const auto ordinal = static_cast<uint32_t>(g.getExternalLabel(internal));
    if (!allowed(ordinal)) continue;
    // hnswlib's (SIMD) inner-product distance is 1 - dot.
    const float distance = g.fstdistfunc_(q.data(), g.getDataByInternalId(internal), g.dist_func_param_);
    ScoredOrdinal hit{ordinal, 1.0 - static_cast<double>(distance)};
    if (hits.size() < k) {
      hits.push_back(hit);
      std::push_heap(hits.begin(), hits.end(), better_hit);
    } else if (better_hit(hit, hits.front())) {
      std::pop_heap(hits.begin(), hits.end(), better_hit);
      hits.back() = hit;
      std::push_heap(hits.begin(), hits.end(), better_hit);
    }
  }
  std::sort_heap(hits.begin(), hits.end(), better_hit);
  return hits;
}

std::vector<ScoredOrdinal> VectorIndex::search(const std::vector<float>& query, size_t k,
                                               const std::function<bool(uint32_t)>& allowed,
                                               size_t allowed_count) const {
  if (!impl_->graph || query.size() != dimension_ || k == 0 || live_ == 0) return {};
  const size_t reachable = std::min(allowed_count, live_);
  if (live_ <= options_.exact_below || reachable <= options_.exact_below) {
    return exact_search(query, k, allowed);
  }
  std::vector<float> normalised = query;
  if (!normalize_vector(normalised)) return {};
  const std::vector<uint8_t> q = stored_form(normalised);
  const auto& g = *impl_->graph;
  // Ask for enough neighbours that, at the filter's selectivity, about 2k pass.
  const double selectivity = static_cast<double>(reachable) / static_cast<double>(live_);
  size_t want = std::max(k, static_cast<size_t>(std::ceil(2.0 * static_cast<double>(k) / selectivity)));
  std::vector<ScoredOrdinal> hits;
  for (int round = 0; round < 4 && want <= live_ * 2; ++round, want *= 4) {
    hits.clear();
    auto results = g.searchKnn(q.data(), std::min(want, live_));
    while (!results.empty()) {
      const auto [distance, label] = results.top();
      results.pop();
      const auto ordinal = static_cast<uint32_t>(label);
      if (allowed(ordinal)) hits.push_back({ordinal, 1.0 - static_cast<double>(distance)});
    }
    if (hits.size() >= std::min(k, reachable)) {
      std::sort(hits.begin(), hits.end(), better_hit);
      if (hits.size() > k) hits.resize(k);
      return hits;
    }
  }
  return exact_search(query, k, allowed);
}

Status VectorIndex::save(BinaryWriter& out, const std::string& scratch_path) const {
  out.put<uint64_t>(dimension_);
  out.put<uint64_t>(live_);
  out.put<uint8_t>(static_cast<uint8_t>(options_.storage));
  out.put<uint8_t>(impl_->graph ? 1 : 0);
  if (!impl_->graph) return Status::ok();
  try {
    impl_->graph->saveIndex(scratch_path);
  } catch (const std::exception& e) {
    std::remove(scratch_path.c_str());
    return internal_error(std::string("saving vector graph: ") + e.what());
  }
  std::ifstream file(scratch_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const bool read_ok = !file.bad();
  file.close();
  std::remove(scratch_path.c_str());
  if (!read_ok) return internal_error("reading back the vector graph failed");
  out.put_string(bytes);
  return Status::ok();
}

Status VectorIndex::load(BinaryReader& in, const std::string& scratch_path) {
  const auto dimension = in.get<uint64_t>();
  const auto live = in.get<uint64_t>();
  const auto storage = in.get<uint8_t>();
  const bool has_graph = in.get<uint8_t>() != 0;
  if (!in.ok()) return invalid_argument("truncated vector section");
  if (storage != static_cast<uint8_t>(options_.storage)) {
    return failed_precondition("the snapshot's vectors use another storage (int8 / float32)");
  }
  auto impl = std::make_unique<Impl>();
  if (has_graph) {
    const std::string bytes = in.get_string();
    if (!in.ok() || dimension == 0 || dimension > 65536) {
      return invalid_argument("malformed vector section");
    }
    {
      std::ofstream file(scratch_path, std::ios::binary | std::ios::trunc);
      file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!file) {
        std::remove(scratch_path.c_str());
        return internal_error("cannot write scratch file " + scratch_path);
      }
    }
    try {
      impl->space = make_space(dimension);
      impl->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(impl->space.get(), scratch_path);
      impl->graph->setEf(options_.ef_search);
    } catch (const std::exception& e) {
      std::remove(scratch_path.c_str());
      return invalid_argument(std::string("malformed vector graph: ") + e.what());
    }
    std::remove(scratch_path.c_str());
  }
  dimension_ = dimension;
  live_ = live;
  impl_ = std::move(impl);
  return Status::ok();
}

}  // namespace sanad::search
