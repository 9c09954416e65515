#pragma once
// How chunk_vectors.data stores an embedding: the floats' bytes, little-endian
// float32 (the only byte order Sanad builds for), `dim` values.

#include <cstddef>
#include <vector>

#include "db/value.h"

namespace sanad::library {

db::Blob vector_to_blob(const std::vector<float>& vector);
// The inverse; an empty vector when the size is not `dimension` floats.
std::vector<float> blob_to_vector(const db::Blob& blob, size_t dimension);

}  // namespace sanad::library
