#include "embed/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace sanad::embed {
namespace {

size_t dtype_size(const std::string& name) {
  if (name == "F64" || name == "I64" || name == "U64") return 8;
  if (name == "F32" || name == "I32" || name == "U32") return 4;
  if (name == "F16" || name == "BF16" || name == "I16" || name == "U16") return 2;
  if (name == "I8" || name == "U8" || name == "BOOL" || name == "F8_E4M3" || name == "F8_E5M2") {
    return 1;
  }
  return 0;
}

DType dtype_of(const std::string& name) {
  if (name == "F32") return DType::kF32;
  if (name == "F16") return DType::kF16;
  if (name == "BF16") return DType::kBF16;
  return DType::kOther;
}

const char* dtype_name(DType d) {
  switch (d) {
    case DType::kF32: return "F32";
    case DType::kF16: return "F16";
    case DType::kBF16: return "BF16";
    default: return "?";
  }
}

}  // namespace

size_t TensorView::elements() const {
  size_t n = 1;
  for (int64_t d : shape) n *= static_cast<size_t>(d);
  return n;
}

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

float f16_to_f32(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t exponent = (h >> 10) & 0x1F;
  uint32_t mantissa = h & 0x3FF;
  uint32_t bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000 | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {  // subnormal: normalise
    exponent = 113;
    while ((mantissa & 0x400) == 0) {
      mantissa <<= 1;
      --exponent;
    }
    bits = sign | (exponent << 23) | ((mantissa & 0x3FF) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

float bf16_to_f32(uint16_t h) {
  const uint32_t bits = static_cast<uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t f32_to_bf16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if ((bits & 0x7FFFFFFF) > 0x7F800000) return static_cast<uint16_t>((bits >> 16) | 0x40);  // NaN
  bits += 0x7FFF + ((bits >> 16) & 1);
  return static_cast<uint16_t>(bits >> 16);
}

uint16_t f32_to_f16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  const uint32_t abs = bits & 0x7FFFFFFF;
  if (abs > 0x7F800000) return sign | 0x7E00;           // NaN
  if (abs >= 0x477FF000) return sign | 0x7C00;           // overflow to infinity
  if (abs < 0x38800000) {                                // subnormal or zero in f16
    if (abs < 0x33000000) return sign;
    const uint32_t exponent = abs >> 23;
    const uint32_t mantissa = (abs & 0x7FFFFF) | 0x800000;
    const uint32_t shift = 126 - exponent;  // 14 + (112 - exponent) ... into 10 bits
    uint32_t value = mantissa >> shift;
    const uint32_t rest = mantissa & ((1u << shift) - 1);
    const uint32_t half = 1u << (shift - 1);
    if (rest > half || (rest == half && (value & 1))) ++value;
    return sign | static_cast<uint16_t>(value);
  }
  uint32_t value = ((abs >> 23) - 112) << 10 | ((abs >> 13) & 0x3FF);
  const uint32_t rest = abs & 0x1FFF;
  if (rest > 0x1000 || (rest == 0x1000 && (value & 1))) ++value;
  return sign | static_cast<uint16_t>(value);
}

void convert_to_f32(const TensorView& tensor, size_t first, size_t count, float* out) {
  switch (tensor.dtype) {
    case DType::kF32:
      std::memcpy(out, tensor.data + first * 4, count * 4);
      return;
    case DType::kF16:
    case DType::kBF16: {
      const uint8_t* p = tensor.data + first * 2;
      const bool half = tensor.dtype == DType::kF16;
      for (size_t i = 0; i < count; ++i) {
        uint16_t h;
        std::memcpy(&h, p + 2 * i, 2);
        out[i] = half ? f16_to_f32(h) : bf16_to_f32(h);
      }
      return;
    }
    case DType::kOther:
      break;
  }
}

Result<std::unique_ptr<SafetensorsFile>> SafetensorsFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return not_found(path + ": cannot open (" + std::strerror(errno) + ")");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return internal_error(path + ": cannot stat");
  }
  const auto size = static_cast<size_t>(st.st_size);
  if (size < 8) {
    ::close(fd);
    return invalid_argument(path + ": truncated header (file of " + std::to_string(size) +
                            " bytes, a safetensors file starts with an 8-byte header length)");
  }
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return internal_error(path + ": mmap failed");
  std::unique_ptr<SafetensorsFile> file(new SafetensorsFile());
  file->path_ = path;
  file->map_ = map;
  file->map_size_ = size;

  const auto* base = static_cast<const uint8_t*>(map);
  uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | base[i];
  if (header_size > size - 8) {
    return invalid_argument(path + ": truncated header (declares " + std::to_string(header_size) +
                            " header bytes, the file has " + std::to_string(size - 8) + ")");
  }
  nlohmann::json header = nlohmann::json::parse(
      reinterpret_cast<const char*>(base + 8), reinterpret_cast<const char*>(base + 8 + header_size),
      nullptr, false);
  if (header.is_discarded() || !header.is_object()) {
    return invalid_argument(path + ": the header is not a JSON object");
  }
  const uint8_t* data = base + 8 + header_size;
  const size_t data_size = size - 8 - header_size;
  for (auto it = header.begin(); it != header.end(); ++it) {
    if (it.key() == "__metadata__") continue;
    const nlohmann::json& entry = it.value();
    TensorView view;
    view.name = it.key();
    try {
      view.dtype_name = entry.at("dtype").get<std::string>();
      view.shape = entry.at("shape").get<std::vector<int64_t>>();
      const auto offsets = entry.at("data_offsets").get<std::vector<uint64_t>>();
      if (offsets.size() != 2 || offsets[0] > offsets[1] || offsets[1] > data_size) {
        return invalid_argument(path + ": tensor '" + view.name + "' has data offsets outside the file");
      }
      view.data = data + offsets[0];
      view.bytes = offsets[1] - offsets[0];
    } catch (const nlohmann::json::exception&) {
      return invalid_argument(path + ": tensor '" + view.name +
                              "' lacks dtype, shape or data_offsets in the header");
    }
    view.dtype = dtype_of(view.dtype_name);
    const size_t element_size = dtype_size(view.dtype_name);
    if (element_size != 0 && view.elements() * element_size != view.bytes) {
      return invalid_argument(path + ": tensor '" + view.name + "' has " +
                              std::to_string(view.bytes) + " bytes, its shape " +
                              shape_string(view.shape) + " and dtype need " +
                              std::to_string(view.elements() * element_size));
    }
    file->tensors_.emplace(view.name, std::move(view));
  }
  return file;
}

SafetensorsFile::~SafetensorsFile() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

Result<TensorView> SafetensorsFile::get(const std::string& name,
                                        const std::vector<int64_t>& shape) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) return not_found(path_ + ": missing tensor '" + name + "'");
  const TensorView& view = it->second;
  if (view.dtype == DType::kOther) {
    return unsupported(path_ + ": tensor '" + name + "' has dtype " + view.dtype_name +
                       " (supported: F32, F16, BF16)");
  }
  if (view.shape != shape) {
    return invalid_argument(path_ + ": tensor '" + name + "' has shape " + shape_string(view.shape) +
                            ", expected " + shape_string(shape));
  }
  return view;
}

Result<std::vector<float>> SafetensorsFile::get_f32(const std::string& name,
                                                    const std::vector<int64_t>& shape) const {
  SANAD_ASSIGN_OR_RETURN(TensorView view, get(name, shape));
  std::vector<float> out(view.elements());
  convert_to_f32(view, 0, out.size(), out.data());
  // Drop the whole pages of this tensor from the resident set; a failure only
  // costs memory, so it is ignored.
  const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<uintptr_t>(view.data) + page - 1) / page * page;
  const auto end = (reinterpret_cast<uintptr_t>(view.data) + view.bytes) / page * page;
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
  return out;
}

Status write_safetensors(const std::string& path,
                         const std::map<std::string, TensorToWrite>& tensors) {
  nlohmann::json header = nlohmann::json::object();
  size_t offset = 0;
  for (const auto& [name, t] : tensors) {
    const size_t bytes = t.values.size() * (t.dtype == DType::kF32 ? 4 : 2);
    header[name] = {{"dtype", dtype_name(t.dtype)},
                    {"shape", t.shape},
                    {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string text = header.dump();
  while ((text.size() + 8) % 8 != 0) text.push_back(' ');
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return internal_error(path + ": cannot create");
  uint8_t length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(text.size() >> (8 * i));
  out.write(reinterpret_cast<const char*>(length), 8);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  std::vector<uint8_t> buffer;
  for (const auto& [name, t] : tensors) {
    if (t.dtype == DType::kF32) {
      out.write(reinterpret_cast<const char*>(t.values.data()),
                static_cast<std::streamsize>(t.values.size() * 4));
      continue;
    }
    buffer.resize(t.values.size() * 2);
    for (size_t i = 0; i < t.values.size(); ++i) {
      const uint16_t h = t.dtype == DType::kF16 ? f32_to_f16(t.values[i]) : f32_to_bf16(t.values[i]);
      std::memcpy(buffer.data() + 2 * i, &h, 2);
    }
    out.write(reinterpret_cast<const char*>(buffer.data()), static_cast<std::streamsize>(buffer.size()));
  }
  if (!out) return internal_error(path + ": write failed");
  return Status::ok();
}

}  // namespace sanad::embed
