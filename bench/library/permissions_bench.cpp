// What a permission check costs: Permissions::snapshot() (one query: the folder tree
// joined with every grant) and the in-memory answers, on SQLite, for libraries of
// 100, 1,000 and 10,000 folders (fan-out 10, a group grant on every 10th folder).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "db/database.h"
#include "db/migrate.h"
#include "library/library.h"
#include "library/permissions.h"

namespace {

using sanad::library::Permission;
using sanad::library::Principal;

struct Store {
  std::filesystem::path dir;
  std::unique_ptr<sanad::db::Database> db;
  std::unique_ptr<sanad::library::Library> library;
  std::unique_ptr<sanad::library::Permissions> permissions;
  std::string deepest;
  ~Store() {
    library.reset();
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

void check(const sanad::Status& s) {
  if (!s) throw std::runtime_error(s.to_string());
}

std::unique_ptr<Store> make_store(int folders) {
  auto store = std::make_unique<Store>();
  std::string pattern = (std::filesystem::temp_directory_path() / "sanad-perm-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  store->dir = pattern;
  sanad::core::DatabaseConfig config;
  config.url = "sqlite://" + (store->dir / "bench.db").string();
  auto db = sanad::db::Database::open(config);
  check(db.status());
  store->db = std::move(*db);
  check(sanad::db::migrate(*store->db).status());
  sanad::library::LibraryOptions options;
  options.upload_dir = store->dir;
  store->library = std::make_unique<sanad::library::Library>(*store->db, options);
  store->permissions = std::make_unique<sanad::library::Permissions>(*store->db);
  std::vector<std::string> ids;
  for (int i = 0; i < folders; ++i) {
    std::optional<std::string> parent;
    if (i > 0) parent = ids[static_cast<size_t>((i - 1) / 10)];
    auto f = store->library->create_folder("f" + std::to_string(i), parent);
    check(f.status());
    ids.push_back(f->id);
    if (i % 10 == 5) {
      check(store->permissions->replace_entries(f->id, {{"group:g" + std::to_string(i % 7), Permission::kRead}})
                .status());
    }
  }
  store->deepest = ids.back();
  return store;
}

const Principal kMember{"u1", false, {"g0", "g3"}};

void BM_EffectiveOnOneFolder(benchmark::State& state) {
  auto store = make_store(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto p = store->permissions->effective(kMember, store->deepest);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_EffectiveOnOneFolder)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

void BM_ReadableFolders(benchmark::State& state) {
  auto store = make_store(static_cast<int>(state.range(0)));
  size_t readable = 0;
  for (auto _ : state) {
    auto set = store->permissions->readable_folders(kMember);
    readable = set->size();
    benchmark::DoNotOptimize(set);
  }
  state.counters["readable"] = static_cast<double>(readable);
}
BENCHMARK(BM_ReadableFolders)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
