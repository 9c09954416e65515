#include "documents/extract/line_reader.h"

#include <unicode/ucnv.h>

#include <array>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "text/normalize.h"

namespace sanad::documents::detail {
namespace {

constexpr std::size_t kReadSize = 64 * 1024;

Result<std::ifstream> open_binary(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return not_found("cannot open " + path.filename().string());
  return in;
}

// Length of a UTF-8 sequence from its lead byte (0 for a continuation byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

// Bytes at the end of `s` that start an incomplete (not yet invalid) sequence.
std::size_t incomplete_tail(std::string_view s) {
  for (std::size_t back = 1; back <= 3 && back <= s.size(); ++back) {
    const auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c & 0xC0) == 0x80) continue;
    const std::size_t len = sequence_length(c);
    return len > back ? back : 0;
  }
  return 0;
}

// Length of the well-formed UTF-8 sequence at the start of `s`, or 0 (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t valid_sequence(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  const auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < s.size() && b(i) >= lo && b(i) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

// Windows-1252 for 0x80..0x9F (0 where undefined); 0xA0..0xFF map to U+00A0..U+00FF.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

void append_code_point(std::uint32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Copies `in` to `out`, reading each byte that is not part of a well-formed UTF-8
// sequence as Windows-1252 (a file that is UTF-8 but for a stray legacy byte).
void repair_utf8(std::string_view in, std::string& out) {
  for (std::size_t i = 0; i < in.size();) {
    const std::size_t n = valid_sequence(in.substr(i));
    if (n > 0) {
      out.append(in.substr(i, n));
      i += n;
      continue;
    }
    const auto c = static_cast<unsigned char>(in[i++]);
    const std::uint32_t cp = c >= 0xA0 ? c : kCp1252High[c - 0x80];
    append_code_point(cp == 0 ? 0xFFFD : cp, out);
  }
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const char* name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(name, &err));
  if (U_FAILURE(err)) return nullptr;
  return c;
}

// Converts bytes in a non-UTF-8 encoding to UTF-8 piece by piece; keeps the
// converters' state across pieces (split code units and surrogate pairs).
class ToUtf8 {
 public:
  static Result<std::unique_ptr<ToUtf8>> open(TextEncoding encoding) {
    const char* name = encoding == TextEncoding::kUtf16Le   ? "UTF-16LE"
                       : encoding == TextEncoding::kUtf16Be ? "UTF-16BE"
                                                            : "windows-1252";
    std::unique_ptr<ToUtf8> t(new ToUtf8());
    t->source_ = open_converter(name);
    t->target_ = open_converter("UTF-8");
    if (!t->source_ || !t->target_) return internal_error(std::string("ICU has no converter for ") + name);
    return t;
  }
  ToUtf8(const ToUtf8&) = delete;
  ToUtf8& operator=(const ToUtf8&) = delete;

  Status convert(std::string_view in, bool flush, std::string& out) {
    const char* source = in.data();
    const char* source_limit = in.data() + in.size();
    std::array<char, 16 * 1024> buffer{};
    bool first = true;
    for (;;) {
      UErrorCode err = U_ZERO_ERROR;
      char* target = buffer.data();
      ucnv_convertEx(target_.get(), source_.get(), &target, buffer.data() + buffer.size(), &source,
                     source_limit, pivot_.data(), &pivot_source_, &pivot_target_,
                     pivot_.data() + pivot_.size(), first && reset_, flush, &err);
      first = false;
      reset_ = false;
      out.append(buffer.data(), static_cast<std::size_t>(target - buffer.data()));
      if (err == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(err)) return invalid_argument("the text cannot be decoded");
      return Status::ok();
    }
  }

 private:
  ToUtf8() { pivot_source_ = pivot_target_ = pivot_.data(); }
  ConverterPtr source_;
  ConverterPtr target_;
  std::array<UChar, 1024> pivot_{};
  UChar* pivot_source_ = nullptr;
  UChar* pivot_target_ = nullptr;
  bool reset_ = true;

};

// Splits decoded UTF-8 into lines, honouring the long-line policy.
class LineSplitter {
 public:
  LineSplitter(std::size_t max, LongLines mode, const LineFn& fn) : max_(max), mode_(mode), fn_(fn) {}

  Status feed(std::string_view data) {
    while (!data.empty()) {
      const void* nl = std::memchr(data.data(), '\n', data.size());
      const std::size_t n = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) : data.size();
      SANAD_RETURN_IF_ERROR(append(data.substr(0, n)));
      if (!nl) break;
      SANAD_RETURN_IF_ERROR(end_line());
      data.remove_prefix(n + 1);
    }
    return Status::ok();
  }

  Status finish() {
    if (!line_.empty() || skipping_) return end_line();
    return Status::ok();
  }

 private:
  Status append(std::string_view part) {
    if (skipping_) return Status::ok();
    line_.append(part);
    while (line_.size() > max_) {
      if (mode_ == LongLines::kSkip) {
        skipping_ = true;
        line_.clear();
        line_.shrink_to_fit();
        return Status::ok();
      }
      std::size_t cut = utf8_floor_local(line_, max_);
      if (cut == 0) cut = max_;
      SANAD_RETURN_IF_ERROR(fn_(std::string_view(line_).substr(0, cut), line_number_ + 1, true));
      line_.erase(0, cut);
    }
    return Status::ok();
  }

  Status end_line() {
    ++line_number_;
    const bool overlong = skipping_;
    skipping_ = false;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    Status s = fn_(line_, line_number_, overlong);
    line_.clear();
    return s;
  }

  static std::size_t utf8_floor_local(std::string_view s, std::size_t max) {
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return n;
  }

  std::size_t max_;
  LongLines mode_;
  const LineFn& fn_;
  std::string line_;
  std::size_t line_number_ = 0;
  bool skipping_ = false;

};

}  // namespace

Result<SniffedEncoding> sniff_encoding(const std::filesystem::path& path) {
  SANAD_ASSIGN_OR_RETURN(std::ifstream in, open_binary(path));
  std::vector<char> buffer(kReadSize);
  in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  const auto got = static_cast<std::size_t>(in.gcount());
  std::string_view data(buffer.data(), got);
  if (data.substr(0, 3) == "\xEF\xBB\xBF") return SniffedEncoding{TextEncoding::kUtf8, 3};
  if (data.substr(0, 2) == "\xFF\xFE") return SniffedEncoding{TextEncoding::kUtf16Le, 2};
  if (data.substr(0, 2) == "\xFE\xFF") return SniffedEncoding{TextEncoding::kUtf16Be, 2};
  // An incomplete sequence cut by the sample's end does not count against UTF-8.
  const std::size_t tail = got == kReadSize ? incomplete_tail(data) : 0;
  if (text::is_valid_utf8(data.substr(0, got - tail))) return SniffedEncoding{TextEncoding::kUtf8, 0};
  return SniffedEncoding{TextEncoding::kWindows1252, 0};
}

Status for_each_line(const std::filesystem::path& path, std::size_t max_line_bytes, LongLines mode,
                     const LineFn& fn) {
  SANAD_ASSIGN_OR_RETURN(SniffedEncoding sniffed, sniff_encoding(path));
  SANAD_ASSIGN_OR_RETURN(std::ifstream in, open_binary(path));
  in.seekg(static_cast<std::streamoff>(sniffed.bom_bytes));
  std::unique_ptr<ToUtf8> converter;
  if (sniffed.encoding != TextEncoding::kUtf8) {
    SANAD_ASSIGN_OR_RETURN(converter, ToUtf8::open(sniffed.encoding));
  }
  LineSplitter splitter(max_line_bytes, mode, fn);
  std::vector<char> buffer(kReadSize);
  std::string decoded;
  std::string carry;  // UTF-8 path: an incomplete sequence at the end of the last read
  for (;;) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    const bool eof = got == 0 || !in;
    std::string_view data(buffer.data(), got);
    if (converter) {
      decoded.clear();
      SANAD_RETURN_IF_ERROR(converter->convert(data, eof, decoded));
      data = decoded;
    } else {
      if (!carry.empty()) {
        carry.append(data);
        decoded.swap(carry);
        carry.clear();
        data = decoded;
      }
      const std::size_t tail = eof ? 0 : incomplete_tail(data);
      std::string_view complete = data.substr(0, data.size() - tail);
      if (!text::is_valid_utf8(complete)) {
        std::string repaired;
        repair_utf8(complete, repaired);
        carry.assign(data.substr(data.size() - tail));
        SANAD_RETURN_IF_ERROR(splitter.feed(repaired));
        if (eof) break;
        continue;
      }
      carry.assign(data.substr(data.size() - tail));
      data = complete;
    }
    SANAD_RETURN_IF_ERROR(splitter.feed(data));
    if (eof) break;
  }
  return splitter.finish();
}

}  // namespace sanad::documents::detail
