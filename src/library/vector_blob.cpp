#include "library/vector_blob.h"

#include <bit>
#include <cstring>

namespace sanad::library {

static_assert(sizeof(float) == 4 && std::endian::native == std::endian::little,
              "chunk_vectors stores little-endian float32");

db::Blob vector_to_blob(const std::vector<float>& vector) {
  db::Blob blob;
  blob.bytes.resize(vector.size() * sizeof(float));
  if (!vector.empty()) std::memcpy(blob.bytes.data(), vector.data(), blob.bytes.size());
  return blob;
}

std::vector<float> blob_to_vector(const db::Blob& blob, size_t dimension) {
  if (dimension == 0 || blob.bytes.size() != dimension * sizeof(float)) return {};
  std::vector<float> v(dimension);
  std::memcpy(v.data(), blob.bytes.data(), blob.bytes.size());
  return v;
}

}  // namespace sanad::library
