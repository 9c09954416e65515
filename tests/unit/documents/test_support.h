#pragma once
// Helpers shared by the documents tests: fixture paths, RAII temp dirs, block
// collection, and time/memory budgets for hostile inputs.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "documents/extract.h"

namespace sanad::documents::testing {

inline std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(SANAD_SOURCE_DIR) / "tests" / "fixtures" / "documents" / name;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sanad-docs-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, std::string_view data) {
  std::ofstream out(p, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// Peak resident set size of this process so far, in KB (VmHWM).
inline long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}
inline long current_rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

struct Extracted {
  Status status;
  std::vector<Block> blocks;
};

inline Extracted extract_all(DocumentType type, const std::filesystem::path& path,
                             const ExtractLimits& limits = ExtractLimits{}) {
  Extracted e;
  e.status = extract(type, path, limits, [&](Block&& b) {
    e.blocks.push_back(std::move(b));
    return Status::ok();
  });
  return e;
}

// Runs `fn`, and checks it took under 2 s and raised peak RSS by under 256 MB.
template <typename Fn>
void within_budget(Fn&& fn) {
  const long rss_before = current_rss_kb();
  const auto t0 = std::chrono::steady_clock::now();
  fn();
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  EXPECT_LT(peak_rss_kb() - rss_before, 256L * 1024) << "peak RSS grew too much";
}

}  // namespace sanad::documents::testing
