#pragma once
// A directory under $TMPDIR (or /tmp) created on construction and removed, with
// everything in it, on destruction.

#include <string>

namespace sanad::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace sanad::testing
