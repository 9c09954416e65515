#include "core/ids.h"

#include <array>
#include <random>

#include "core/clock.h"

namespace sanad::core {

namespace {
constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
}

std::string new_id() {
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   (static_cast<uint64_t>(std::random_device{}()) << 32)};
  uint64_t ms = static_cast<uint64_t>(now_ms()) & ((1ULL << 48) - 1);
  uint64_t r1 = rng();
  uint64_t r2 = rng() & 0xFFFF;  // 64 + 16 = 80 random bits
  // 128 bits: ms(48) | r1(64) | r2(16), emitted 5 bits at a time (26 chars = 130 bits).
  std::array<uint8_t, 16> bytes{};
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  for (int i = 0; i < 8; ++i) bytes[6 + i] = static_cast<uint8_t>(r1 >> (56 - 8 * i));
  bytes[14] = static_cast<uint8_t>(r2 >> 8);
  bytes[15] = static_cast<uint8_t>(r2);
  std::string out(26, '0');
  for (int i = 0; i < 26; ++i) {
    int bit = i * 5 - 2;  // leading 2 padding bits
    unsigned value = 0;
    for (int b = 0; b < 5; ++b, ++bit) {
      value <<= 1;
      if (bit >= 0) value |= (bytes[bit / 8] >> (7 - bit % 8)) & 1U;
    }
    out[i] = kAlphabet[value];
  }
  return out;
}

bool looks_like_id(std::string_view id) {
  if (id.size() != 26) return false;
  for (char c : id) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z' && c != 'i' && c != 'l' && c != 'o' && c != 'u');
    if (!ok) return false;
  }
  return true;
}

}  // namespace sanad::core
