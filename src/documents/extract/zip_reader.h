#pragma once
// A defensive reader for ZIP containers (DOCX): checks the central directory against
// ExtractLimits before inflating anything, and caps the bytes actually inflated
// (declared sizes may lie). Not thread-safe; one per file.

#include <filesystem>
#include <memory>
#include <string>

#include "documents/block.h"

namespace sanad::documents::detail {

class ZipReader {
 public:
  // Opens the archive and validates entry count, total declared uncompressed size and
  // per-entry compression ratio. kInvalidArgument when it is not a ZIP, kTooLarge
  // when a limit is exceeded.
  static Result<std::unique_ptr<ZipReader>> open(const std::filesystem::path& path, const ExtractLimits& limits);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool contains(const std::string& name) const;

  // Inflates one entry, at most `max_bytes` (kTooLarge beyond). kNotFound when absent.
  Result<std::string> read(const std::string& name, std::size_t max_bytes) const;

 private:
  struct Handle;
  explicit ZipReader(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

}  // namespace sanad::documents::detail
