#include "documents/extract/zip_reader.h"

#include <zip.h>

#include <array>

namespace sanad::documents::detail {

struct ZipReader::Handle {
  zip_t* archive = nullptr;
  ~Handle() {
    if (archive) zip_discard(archive);
  }
};

ZipReader::ZipReader(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
ZipReader::~ZipReader() = default;

Result<std::unique_ptr<ZipReader>> ZipReader::open(const std::filesystem::path& path, const ExtractLimits& limits) {
  int error = 0;
  auto handle = std::make_unique<Handle>();
  handle->archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!handle->archive) return invalid_argument("not a valid ZIP container (damaged or truncated)");
  const zip_int64_t entries = zip_get_num_entries(handle->archive, 0);
  if (entries < 0) return invalid_argument("unreadable ZIP directory");
  if (static_cast<std::size_t>(entries) > limits.max_zip_entries) {
    return too_large("the archive has " + std::to_string(entries) + " entries (limit " +
                     std::to_string(limits.max_zip_entries) + ")");
  }
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(handle->archive, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      return invalid_argument("unreadable ZIP entry");
    }
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) return invalid_argument("ZIP entry without sizes");
    total += st.size;
    if (total > limits.max_zip_uncompressed) {
      return too_large("the archive expands to more than " + std::to_string(limits.max_zip_uncompressed >> 20) + " MB");
    }
    const double ratio = static_cast<double>(st.size) / static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1));
    if (st.size > (1u << 20) && ratio > limits.max_zip_ratio) {
      return too_large("suspicious compression ratio (" + std::to_string(static_cast<long long>(ratio)) +
                       ":1) in entry " + (st.name ? st.name : "?") + ": possible zip bomb");
    }
  }
  return std::unique_ptr<ZipReader>(new ZipReader(std::move(handle)));
}

bool ZipReader::contains(const std::string& name) const {
  return zip_name_locate(handle_->archive, name.c_str(), 0) >= 0;
}

Result<std::string> ZipReader::read(const std::string& name, std::size_t max_bytes) const {
  const zip_int64_t index = zip_name_locate(handle_->archive, name.c_str(), 0);
  if (index < 0) return not_found("missing " + name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(handle_->archive, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return invalid_argument("unreadable ZIP entry " + name);
  }
  if (st.size > max_bytes) return too_large(name + " is larger than " + std::to_string(max_bytes >> 20) + " MB");
  zip_file_t* file = zip_fopen_index(handle_->archive, static_cast<zip_uint64_t>(index), 0);
  if (!file) return invalid_argument("cannot read " + name + " (damaged or unsupported compression)");
  std::string out;
  out.reserve(static_cast<std::size_t>(st.size));
  std::array<char, 64 * 1024> buffer{};
  Status status;
  for (;;) {
    const zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
    if (got < 0) {
      status = invalid_argument(name + " is damaged (inflate or checksum error)");
      break;
    }
    if (got == 0) break;
    // The declared size is only a hint: the cap applies to bytes actually produced.
    if (out.size() + static_cast<std::size_t>(got) > max_bytes || out.size() + static_cast<std::size_t>(got) > st.size) {
      status = too_large(name + " inflates beyond its declared size or the limit: possible zip bomb");
      break;
    }
    out.append(buffer.data(), static_cast<std::size_t>(got));
  }
  zip_fclose(file);
  if (!status.is_ok()) return status;
  return out;
}

}  // namespace sanad::documents::detail
