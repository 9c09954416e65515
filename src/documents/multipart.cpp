#include "documents/multipart.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>
#include <unicode/utf8.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "core/ids.h"
#include "core/strings.h"
#include "text/normalize.h"

namespace sanad::documents {

std::optional<std::string> MultipartForm::field(std::string_view name) const {
  for (const auto& [n, v] : fields) {
    if (n == name) return v;
  }
  return std::nullopt;
}

namespace {

constexpr std::size_t kReadSize = 64 * 1024;

bool is_forbidden_code_point(UChar32 c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;  // C0, DEL, C1 (NUL included)
  if (c == 0x061C || c == 0x200E || c == 0x200F) return true;  // ALM, LRM, RLM
  if (c >= 0x202A && c <= 0x202E) return true;                  // LRE..RLO
  if (c >= 0x2066 && c <= 0x2069) return true;                  // LRI..PDI
  if (c == 0xFEFF || c == 0xFFFD) return true;
  return false;
}

// Splits "a=b; c=\"d;e\"" into trimmed parameters, honouring quoted strings.
std::vector<std::pair<std::string, std::string>> header_params(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ';' || value[i] == ' ' || value[i] == '\t')) ++i;
    const std::size_t name_start = i;
    while (i < value.size() && value[i] != '=' && value[i] != ';') ++i;
    std::string name = core::ascii_lower(core::trim(value.substr(name_start, i - name_start)));
    std::string v;
    if (i < value.size() && value[i] == '=') {
      ++i;
      while (i < value.size() && value[i] == ' ') ++i;
      if (i < value.size() && value[i] == '"') {
        ++i;
        while (i < value.size() && value[i] != '"') {
          if (value[i] == '\\' && i + 1 < value.size()) ++i;
          v.push_back(value[i++]);
        }
        ++i;
      } else {
        const std::size_t vs = i;
        while (i < value.size() && value[i] != ';') ++i;
        v = std::string(core::trim(value.substr(vs, i - vs)));
      }
    }
    if (!name.empty()) out.emplace_back(std::move(name), std::move(v));
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 8187 ext-value: "UTF-8''%e2%82%ac.pdf" -> bytes.
std::optional<std::string> decode_ext_value(std::string_view v) {
  const std::size_t q = v.find("''");
  if (q == std::string_view::npos || !core::iequals(v.substr(0, q), "utf-8")) return std::nullopt;
  std::string out;
  for (std::size_t i = q + 2; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size() && hex_value(v[i + 1]) >= 0 && hex_value(v[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(v[i + 1]) * 16 + hex_value(v[i + 2])));
      i += 2;
    } else {
      out.push_back(v[i]);
    }
  }
  return out;
}

struct EvpDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// A file being written, removed on destruction unless released.
class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
  }
  ~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!released_) {
      std::error_code ec;
      std::filesystem::remove(path_, ec);
    }
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool is_open() const { return fd_ >= 0; }
  Status write(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return unavailable(std::string("cannot write the upload: ") + std::strerror(errno));
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return Status::ok();
  }
  Status close() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return unavailable("cannot write the upload (close failed)");
    return Status::ok();
  }
  void release() { released_ = true; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool released_ = false;
};

class Parser {
 public:
  Parser(std::istream& in, std::string_view boundary, const std::filesystem::path& dir, const MultipartLimits& limits)
      : in_(in), delimiter_("--" + std::string(boundary)), dir_(dir), limits_(limits) {}

  Result<MultipartForm> run() {
    // Preamble up to the first delimiter.
    for (;;) {
      const std::size_t at = buf_.find(delimiter_);
      if (at != std::string::npos) {
        buf_.erase(0, at + delimiter_.size());
        break;
      }
      if (buf_.size() > delimiter_.size()) buf_.erase(0, buf_.size() - delimiter_.size());
      if (!fill()) return invalid_argument("malformed multipart body: no boundary found");
    }
    for (;;) {
      SANAD_ASSIGN_OR_RETURN(bool last, after_delimiter());
      if (last) break;
      if (++parts_ > limits_.max_parts) return too_large("too many parts in the form");
      SANAD_RETURN_IF_ERROR(part());
    }
    for (auto& f : outputs_) f->release();
    return std::move(form_);
  }

 private:
  bool fill() {
    if (eof_) return false;
    std::array<char, kReadSize> chunk{};
    in_.read(chunk.data(), chunk.size());
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (got == 0) {
      eof_ = true;
      return false;
    }
    buf_.append(chunk.data(), got);
    return true;
  }

  bool need(std::size_t n) {
    while (buf_.size() < n) {
      if (!fill()) return false;
    }
    return true;
  }

  // After a delimiter: "--" closes the body, CRLF opens a part (padding allowed).
  Result<bool> after_delimiter() {
    if (!need(2)) return invalid_argument("malformed multipart body: truncated after a boundary");
    if (buf_.compare(0, 2, "--") == 0) return true;
    std::size_t i = 0;
    for (;;) {
      if (!need(i + 2)) return invalid_argument("malformed multipart body: truncated after a boundary");
      if (buf_[i] == ' ' || buf_[i] == '\t') {
        if (++i > 256) return invalid_argument("malformed multipart body: bad boundary line");
        continue;
      }
      if (buf_.compare(i, 2, "\r\n") != 0) return invalid_argument("malformed multipart body: bad boundary line");
      buf_.erase(0, i + 2);
      return false;
    }
  }

  Status part() {
    std::size_t end;
    for (;;) {
      end = buf_.find("\r\n\r\n");
      if (end != std::string::npos) break;
      if (buf_.size() > limits_.max_header_bytes) return too_large("multipart part headers too large");
      if (!fill()) return invalid_argument("malformed multipart body: truncated part headers");
    }
    if (end > limits_.max_header_bytes) return too_large("multipart part headers too large");
    std::string name;
    std::optional<std::string> filename;
    std::string content_type = "application/octet-stream";
    for (std::string_view line : core::split(std::string_view(buf_).substr(0, end), '\n')) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string header = core::ascii_lower(core::trim(line.substr(0, colon)));
      const std::string_view value = core::trim(line.substr(colon + 1));
      if (header == "content-disposition") {
        std::optional<std::string> ext_name;
        for (auto& [k, v] : header_params(value)) {
          if (k == "name") name = v;
          if (k == "filename") filename = v;
          if (k == "filename*") ext_name = decode_ext_value(v);
        }
        if (ext_name) filename = ext_name;
      } else if (header == "content-type") {
        content_type = std::string(value.substr(0, std::min<std::size_t>(value.size(), 255)));
      }
    }
    buf_.erase(0, end + 4);
    if (filename) return file_part(std::move(name), *filename, std::move(content_type));
    return field_part(std::move(name));
  }

  // Streams body bytes up to the next delimiter to `consume`.
  template <typename Consume>
  Status body(Consume&& consume) {
    const std::string marker = "\r\n" + delimiter_;
    for (;;) {
      const std::size_t at = buf_.find(marker);
      if (at != std::string::npos) {
        SANAD_RETURN_IF_ERROR(consume(std::string_view(buf_).substr(0, at)));
        buf_.erase(0, at + marker.size());
        return Status::ok();
      }
      if (buf_.size() >= marker.size()) {
        const std::size_t safe = buf_.size() - (marker.size() - 1);
        SANAD_RETURN_IF_ERROR(consume(std::string_view(buf_).substr(0, safe)));
        buf_.erase(0, safe);
      }
      if (!fill()) return invalid_argument("malformed multipart body: truncated (no closing boundary)");
    }
  }

  Status field_part(std::string name) {
    std::string value;
    SANAD_RETURN_IF_ERROR(body([&](std::string_view data) -> Status {
      if (value.size() + data.size() > limits_.max_field_bytes) return too_large("form field '" + name.substr(0, 64) + "' too large");
      value.append(data);
      return Status::ok();
    }));
    form_.fields.emplace_back(std::move(name), std::move(value));
    return Status::ok();
  }

  Status file_part(std::string name, std::string_view raw_filename, std::string content_type) {
    UploadedFile file;
    file.field_name = std::move(name);
    file.original_name = sanitize_file_name(raw_filename);
    file.content_type = std::move(content_type);
    file.stored_path = dir_ / core::new_id();
    auto out = std::make_unique<OutputFile>(file.stored_path);
    if (!out->is_open()) return unavailable("cannot create a file in the upload directory");
    std::unique_ptr<EVP_MD_CTX, EvpDeleter> sha(EVP_MD_CTX_new());
    if (!sha || EVP_DigestInit_ex(sha.get(), EVP_sha256(), nullptr) != 1) return internal_error("SHA-256 unavailable");
    std::uint64_t size = 0;
    OutputFile* raw_out = out.get();
    outputs_.push_back(std::move(out));
    SANAD_RETURN_IF_ERROR(body([&](std::string_view data) -> Status {
      size += data.size();
      if (size > limits_.max_file_bytes) {
        return too_large("the file is larger than " + std::to_string(limits_.max_file_bytes >> 20) + " MB");
      }
      EVP_DigestUpdate(sha.get(), data.data(), data.size());
      return raw_out->write(data);
    }));
    SANAD_RETURN_IF_ERROR(raw_out->close());
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digest_len = 0;
    EVP_DigestFinal_ex(sha.get(), digest.data(), &digest_len);
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < digest_len; ++i) {
      file.sha256_hex.push_back(kHex[digest[i] >> 4]);
      file.sha256_hex.push_back(kHex[digest[i] & 15]);
    }
    file.size = size;
    form_.files.push_back(std::move(file));
    return Status::ok();
  }

  std::istream& in_;
  const std::string delimiter_;
  const std::filesystem::path& dir_;
  const MultipartLimits& limits_;
  std::string buf_;
  bool eof_ = false;
  std::size_t parts_ = 0;
  MultipartForm form_;
  std::vector<std::unique_ptr<OutputFile>> outputs_;  // removed on failure
};

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  const std::string media = core::ascii_lower(core::trim(content_type.substr(0, semi)));
  if (media != "multipart/form-data") return unsupported("expected multipart/form-data, got " + media.substr(0, 100));
  if (semi == std::string_view::npos) return invalid_argument("multipart/form-data without a boundary");
  for (auto& [k, v] : header_params(content_type.substr(semi + 1))) {
    if (k != "boundary") continue;
    if (v.empty() || v.size() > 70) return invalid_argument("invalid multipart boundary");
    for (char c : v) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) {
        return invalid_argument("invalid multipart boundary");
      }
    }
    return v;
  }
  return invalid_argument("multipart/form-data without a boundary");
}

Result<MultipartForm> parse_multipart(std::istream& body, std::string_view boundary,
                                      const std::filesystem::path& upload_dir, const MultipartLimits& limits) {
  if (boundary.empty() || boundary.size() > 70) return invalid_argument("invalid multipart boundary");
  Parser parser(body, boundary, upload_dir, limits);
  return parser.run();
}

Result<MultipartForm> parse_multipart_file(const std::filesystem::path& body_file, std::string_view boundary,
                                           const std::filesystem::path& upload_dir, const MultipartLimits& limits) {
  std::ifstream in(body_file, std::ios::binary);
  if (!in) return not_found("cannot open the request body");
  return parse_multipart(in, boundary, upload_dir, limits);
}

std::string sanitize_file_name(std::string_view raw, std::size_t max_bytes) {
  // NFKC first, so that look-alikes such as U+FF0F (full-width solidus) become "/"
  // before path components are stripped.
  const std::string normalized = text::nfkc(raw.substr(0, 16 * 1024));
  std::string cleaned;
  const auto* s = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto length = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < length;) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || is_forbidden_code_point(c)) continue;
    if (c == '/' || c == '\\') {
      cleaned.clear();  // keep only the last path component
      continue;
    }
    cleaned.append(normalized, static_cast<std::size_t>(begin), static_cast<std::size_t>(i - begin));
  }
  std::string_view v = core::trim(cleaned);
  while (!v.empty() && (v.front() == '.' || v.front() == ' ')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '.' || v.back() == ' ')) v.remove_suffix(1);
  std::string out(v);
  if (out.size() > max_bytes) {
    std::string ext;
    const std::size_t dot = out.rfind('.');
    if (dot != std::string::npos && out.size() - dot <= 16) ext = out.substr(dot);
    std::size_t keep = max_bytes > ext.size() ? max_bytes - ext.size() : 0;
    while (keep > 0 && (static_cast<unsigned char>(out[keep]) & 0xC0) == 0x80) --keep;
    out = out.substr(0, keep) + ext;
  }
  if (out.empty()) return "file";
  return out;
}

}  // namespace sanad::documents
