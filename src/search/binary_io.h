#pragma once
// Little helpers to write and read the snapshot's binary payload (host byte order,
// fixed-width integers). A reader never reads past its buffer: on a short or
// malformed buffer it latches ok() == false and returns zeros. Not thread-safe.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sanad::search {

class BinaryWriter {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    buffer_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void put_bytes(std::string_view s) { buffer_.append(s.data(), s.size()); }
  void put_string(std::string_view s) {
    put<uint64_t>(s.size());
    buffer_.append(s.data(), s.size());
  }
  template <typename T>
  void put_vector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<uint64_t>(v.size());
    buffer_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  const std::string& buffer() const { return buffer_; }
  std::string take() { return std::move(buffer_); }

 private:
  std::string buffer_;
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view data) : data_(data) {}

  template <typename T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value{};
    if (!take(sizeof(T))) return value;
    std::memcpy(&value, data_.data() + pos_ - sizeof(T), sizeof(T));
    return value;
  }
  std::string get_string() {
    const auto n = get<uint64_t>();
    if (!take(n)) return {};
    return std::string(data_.substr(pos_ - n, n));
  }
  template <typename T>
  std::vector<T> get_vector() {
    const auto n = get<uint64_t>();
    if (n > (data_.size() - pos_) / sizeof(T) || !take(n * sizeof(T))) {
      ok_ = false;
      return {};
    }
    std::vector<T> v(n);
    std::memcpy(v.data(), data_.data() + pos_ - n * sizeof(T), n * sizeof(T));
    return v;
  }
  std::string_view get_bytes(uint64_t n) {
    if (!take(n)) return {};
    return data_.substr(pos_ - n, n);
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  bool take(uint64_t n) {
    if (!ok_ || n > data_.size() - pos_) {
      ok_ = false;
      return false;
    }
    pos_ += n;
    return true;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// FNV-1a 64-bit hash, the snapshot's integrity check.
inline uint64_t fnv1a64(std::string_view data) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace sanad::search
