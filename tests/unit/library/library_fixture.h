#pragma once
// Fixture for library tests on a real database: the backend under test, migrated,
// and a Library storing its uploads in a temporary directory.

#include <filesystem>
#include <memory>

#include "library/library.h"
#include "test_database.h"

namespace sanad::library::testing {

class LibraryFixture : public db::testing::MigratedBackendTest {
 protected:
  void SetUp() override {
    MigratedBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    LibraryOptions options = library_options();
    options.upload_dir = std::filesystem::path(files_.path()) / "uploads";
    std::filesystem::create_directories(options.upload_dir);
    library_ = std::make_unique<Library>(*db_, options);
  }

  // The options the Library is built with (upload_dir is set by SetUp).
  virtual LibraryOptions library_options() const { return {}; }

  db::testing::TempDir files_;
  std::unique_ptr<Library> library_;
};

}  // namespace sanad::library::testing
