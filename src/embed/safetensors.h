#pragma once
// Read-only, memory-mapped safetensors file (8-byte little-endian header length,
// JSON header, raw tensor data). Only the pages a caller touches are read, so a
// large embedding matrix costs only the rows used. Also a small writer, used by
// tests and benchmarks to produce model folders. Immutable after open; the views
// it hands out stay valid as long as the SafetensorsFile lives; thread-safe.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace sanad::embed {

enum class DType { kF32, kF16, kBF16, kOther };

// A tensor inside a mapped file. `dtype_name` is the header's spelling ("F32").
struct TensorView {
  std::string name;
  DType dtype = DType::kOther;
  std::string dtype_name;
  std::vector<int64_t> shape;
  const uint8_t* data = nullptr;
  size_t bytes = 0;
  size_t elements() const;
};

// Converts `count` elements starting at element `first` of `tensor` to fp32.
// Requires dtype F32, F16 or BF16 and first + count <= elements().
void convert_to_f32(const TensorView& tensor, size_t first, size_t count, float* out);

class SafetensorsFile {
 public:
  // Maps `path` and validates the header (size, JSON, offsets within the data).
  // Errors name the file and the problem.
  static Result<std::unique_ptr<SafetensorsFile>> open(const std::string& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::string& path() const { return path_; }
  bool contains(const std::string& name) const { return tensors_.count(name) > 0; }
  const std::map<std::string, TensorView>& tensors() const { return tensors_; }

  // The tensor `name`, checked to have `shape` and a float dtype we read.
  Result<TensorView> get(const std::string& name, const std::vector<int64_t>& shape) const;
  // The same, converted to a fresh fp32 vector; the mapped pages that lie wholly
  // inside the tensor are then dropped from memory (they are re-read from the
  // file only if touched again), so a copied tensor is not resident twice.
  Result<std::vector<float>> get_f32(const std::string& name,
                                     const std::vector<int64_t>& shape) const;

 private:
  SafetensorsFile() = default;
  std::string path_;
  void* map_ = nullptr;
  size_t map_size_ = 0;
  std::map<std::string, TensorView> tensors_;
};

// A tensor to write: fp32 values stored as `dtype` (rounded to nearest even).
struct TensorToWrite {
  std::vector<int64_t> shape;
  std::vector<float> values;
  DType dtype = DType::kF32;
};

// Writes a safetensors file (tensors in name order, 8-byte aligned header).
Status write_safetensors(const std::string& path, const std::map<std::string, TensorToWrite>& tensors);

// Bit conversions between fp32 and the 16-bit formats.
float f16_to_f32(uint16_t h);
float bf16_to_f32(uint16_t h);
uint16_t f32_to_f16(float f);
uint16_t f32_to_bf16(float f);

// "[a, b]" for error messages.
std::string shape_string(const std::vector<int64_t>& shape);

}  // namespace sanad::embed
