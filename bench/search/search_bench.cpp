// Speed and memory benchmarks of the search engine on a synthetic corpus made by
// make_corpus.py. SANAD_BENCH_DIR names the folder holding chunks.tsv and
// queries.tsv. Lexical top-10 latency is compared with Xapian and SQLite FTS5
// indexing exactly the same analysed terms and running the same OR queries.
// Latency percentiles are reported as counters (p50_us, p99_us), one query per
// iteration, on one thread.

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <xapian.h>

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "search/analyzer.h"
#include "search/fusion.h"
#include "search/metrics.h"
#include "search/search_index.h"

namespace {

using namespace sanad::search;
using Clock = std::chrono::steady_clock;

struct Corpus {
  std::vector<ChunkRecord> chunks;
  std::vector<std::string> queries;
};

double rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, '\t')) out.push_back(f);
  return out;
}

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    const char* dir = std::getenv("SANAD_BENCH_DIR");
    const std::string base = dir ? dir : "/tmp/sanad-search-bench/10k";
    std::ifstream chunks(base + "/chunks.tsv");
    std::string line;
    while (std::getline(chunks, line)) {
      auto f = split_tabs(line);
      if (f.size() < 6) continue;
      ChunkRecord r;
      r.chunk_id = f[0];
      r.document_id = f[1];
      r.folder_id = f[2];
      r.language = sanad::text::parse_language_code(f[3]).value_or(sanad::text::Language::kUnknown);
      r.title = f[4];
      r.text = f[5];
      out.chunks.push_back(std::move(r));
    }
    std::ifstream queries(base + "/queries.tsv");
    while (std::getline(queries, line)) {
      auto f = split_tabs(line);
      if (f.size() >= 2) out.queries.push_back(f[1]);
    }
    if (out.chunks.empty()) std::fprintf(stderr, "no chunks under %s\n", base.c_str());
    return out;
  }();
  return c;
}

std::vector<float> random_unit(std::mt19937& rng, size_t dim) {
  std::normal_distribution<float> n(0.0f, 1.0f);
  std::vector<float> v(dim);
  for (float& x : v) x = n(rng);
  normalize_vector(v);
  return v;
}

struct Built {
  std::unique_ptr<SearchIndex> index;
  double build_s = 0, rss_before = 0, rss_after = 0;
};

// The lexical index (no vectors), built once.
const Built& lexical_index() {
  static const Built b = [] {
    Built out;
    const Corpus& c = corpus();
    out.rss_before = rss_mb();
    out.index = std::make_unique<SearchIndex>();
    const auto start = Clock::now();
    for (const auto& r : c.chunks) (void)out.index->add(r);
    out.build_s = std::chrono::duration<double>(Clock::now() - start).count();
    out.rss_after = rss_mb();
    return out;
  }();
  return b;
}

void report_percentiles(benchmark::State& state, std::vector<double>& us) {
  state.counters["p50_us"] = percentile(us, 50);
  state.counters["p99_us"] = percentile(us, 99);
}

void BM_LexicalBuild(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(lexical_index().index.get());
  const Built& b = lexical_index();
  state.counters["chunks"] = static_cast<double>(corpus().chunks.size());
  state.counters["build_s"] = b.build_s;
  state.counters["rss_delta_mb"] = b.rss_after - b.rss_before;
  const std::string path = std::filesystem::temp_directory_path() / "sanad-bench-lexical.snap";
  const auto t = Clock::now();
  (void)b.index->save_snapshot(path, 1);
  state.counters["snapshot_save_s"] = std::chrono::duration<double>(Clock::now() - t).count();
  state.counters["snapshot_mb"] = static_cast<double>(std::filesystem::file_size(path)) / 1048576.0;
  const auto t2 = Clock::now();
  auto loaded = SearchIndex::load_snapshot(path);
  state.counters["cold_start_s"] = std::chrono::duration<double>(Clock::now() - t2).count();
  std::filesystem::remove(path);
}
BENCHMARK(BM_LexicalBuild)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_LexicalTop10(benchmark::State& state) {
  const Built& b = lexical_index();
  const auto& queries = corpus().queries;
  std::vector<double> us;
  size_t i = 0;
  SearchQuery q;
  q.mode = SearchMode::kLexical;
  q.access = AccessFilter::everything();
  for (auto _ : state) {
    q.text = queries[i++ % queries.size()];
    const auto t = Clock::now();
    auto r = b.index->search(q);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    benchmark::DoNotOptimize(r);
  }
  report_percentiles(state, us);
}
BENCHMARK(BM_LexicalTop10)->Iterations(3000)->Unit(benchmark::kMicrosecond);

void BM_LexicalTop10Filtered(benchmark::State& state) {
  const Built& b = lexical_index();
  const auto& queries = corpus().queries;
  std::vector<double> us;
  size_t i = 0;
  SearchQuery q;
  q.mode = SearchMode::kLexical;
  for (int f = 0; f < 5; ++f) q.access.folders.insert("f" + std::to_string(f));  // 10%
  for (auto _ : state) {
    q.text = queries[i++ % queries.size()];
    const auto t = Clock::now();
    auto r = b.index->search(q);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    benchmark::DoNotOptimize(r);
  }
  report_percentiles(state, us);
}
BENCHMARK(BM_LexicalTop10Filtered)->Iterations(3000)->Unit(benchmark::kMicrosecond);

// Same analysed terms for the baselines.
struct Analysed {
  std::vector<std::vector<std::string>> docs;
  std::vector<std::vector<std::string>> queries;
};
const Analysed& analysed() {
  static const Analysed a = [] {
    Analysed out;
    Analyzer analyzer;
    for (const auto& r : corpus().chunks) {
      std::vector<std::string> terms;
      for (auto& t : analyzer.analyze(r.title, r.language)) terms.push_back(std::move(t.text));
      for (auto& t : analyzer.analyze(r.text, r.language)) terms.push_back(std::move(t.text));
      out.docs.push_back(std::move(terms));
    }
    for (const auto& q : corpus().queries) out.queries.push_back(analyzer.analyze_query(q));
    return out;
  }();
  return a;
}

// Xapian's production backend (glass) in a temporary directory, warm page cache.
void BM_XapianTop10(benchmark::State& state) {
  const Analysed& a = analysed();
  std::string dir = (std::filesystem::temp_directory_path() / "sanad-bench-xapian-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) {
    state.SkipWithError("mkdtemp failed");
    return;
  }
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  for (const auto& terms : a.docs) {
    Xapian::Document doc;
    for (const auto& t : terms) {
      if (!t.empty() && t.size() < 200) doc.add_term(t);
    }
    db.add_document(doc);
  }
  db.commit();
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.6, 0.5));
  std::vector<double> us;
  size_t i = 0;
  for (auto _ : state) {
    const auto& terms = a.queries[i++ % a.queries.size()];
    const auto t = Clock::now();
    Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, 10);
    benchmark::DoNotOptimize(mset.size());
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
  }
  report_percentiles(state, us);
  db.close();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_XapianTop10)->Iterations(3000)->Unit(benchmark::kMicrosecond);

void BM_Fts5Top10(benchmark::State& state) {
  const Analysed& a = analysed();
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, "CREATE VIRTUAL TABLE c USING fts5(body, tokenize='unicode61 remove_diacritics 0');"
               "BEGIN;", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO c(rowid, body) VALUES(?, ?)", -1, &insert, nullptr);
  for (size_t d = 0; d < a.docs.size(); ++d) {
    std::string body;
    for (const auto& t : a.docs[d]) body += t + " ";
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(d));
    sqlite3_bind_text(insert, 2, body.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr);
  sqlite3_stmt* select = nullptr;
  sqlite3_prepare_v2(db, "SELECT rowid FROM c WHERE c MATCH ? ORDER BY bm25(c) LIMIT 10", -1,
                     &select, nullptr);
  std::vector<double> us;
  size_t i = 0;
  for (auto _ : state) {
    const auto& terms = a.queries[i++ % a.queries.size()];
    std::string match;
    for (const auto& t : terms) match += (match.empty() ? "\"" : " OR \"") + t + "\"";
    const auto t = Clock::now();
    sqlite3_bind_text(select, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    int rows = 0;
    while (sqlite3_step(select) == SQLITE_ROW) ++rows;
    sqlite3_reset(select);
    benchmark::DoNotOptimize(rows);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
  }
  sqlite3_finalize(select);
  sqlite3_close(db);
  report_percentiles(state, us);
}
BENCHMARK(BM_Fts5Top10)->Iterations(3000)->Unit(benchmark::kMicrosecond);

// 384-d unit vectors: "random" (isotropic Gaussian, the worst case for any ANN index)
// or "clustered" (SANAD_BENCH_VECTORS=clustered: 512 random centroids plus noise,
// closer to how sentence embeddings spread). Queries come from the same distribution.
struct VectorSource {
  bool clustered = false;
  std::vector<std::vector<float>> centroids;
  explicit VectorSource(std::mt19937& rng) {
    const char* kind = std::getenv("SANAD_BENCH_VECTORS");
    clustered = kind != nullptr && std::string(kind) == "clustered";
    if (clustered) {
      for (int i = 0; i < 512; ++i) centroids.push_back(random_unit(rng, 384));
    }
  }
  std::vector<float> next(std::mt19937& rng) const {
    if (!clustered) return random_unit(rng, 384);
    const auto& c = centroids[rng() % centroids.size()];
    std::vector<float> noise = random_unit(rng, 384);
    std::vector<float> v(384);
    for (size_t i = 0; i < v.size(); ++i) v[i] = c[i] + 0.6f * noise[i];
    normalize_vector(v);
    return v;
  }
};

struct VectorBuilt {
  std::unique_ptr<VectorIndex> index;
  double build_s = 0, rss_delta = 0;
  bool int8 = false;
  std::vector<std::vector<float>> raw;  // the float vectors, kept for int8 runs' recall
};

// The float32 exact top-10 over `raw` (the reference for int8 storage).
std::vector<uint32_t> float_exact_top10(const std::vector<std::vector<float>>& raw, const std::vector<float>& q) {
  std::vector<std::pair<float, uint32_t>> scored;
  scored.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    float dot = 0;
    for (size_t d = 0; d < q.size(); ++d) dot += raw[i][d] * q[d];
    scored.emplace_back(-dot, static_cast<uint32_t>(i));
  }
  std::partial_sort(scored.begin(), scored.begin() + 10, scored.end());
  std::vector<uint32_t> top;
  for (size_t i = 0; i < 10; ++i) top.push_back(scored[i].second);
  return top;
}
const VectorBuilt& vectors() {
  static const VectorBuilt v = [] {
    VectorBuilt out;
    std::mt19937 rng(42);
    const VectorSource source(rng);
    const double before = rss_mb();
    VectorOptions options;
    if (const char* ef = std::getenv("SANAD_BENCH_EF")) options.ef_search = std::stoul(ef);
    if (const char* m = std::getenv("SANAD_BENCH_M")) options.m = std::stoul(m);
    if (const char* efc = std::getenv("SANAD_BENCH_EFC")) options.ef_construction = std::stoul(efc);
    // SANAD_BENCH_STORAGE=int8: int8 vectors; recall is then measured against float32.
    const char* storage = std::getenv("SANAD_BENCH_STORAGE");
    out.int8 = storage != nullptr && std::string(storage) == "int8";
    if (out.int8) options.storage = VectorStorage::kInt8;
    out.index = std::make_unique<VectorIndex>(options);
    double build = 0;
    for (size_t i = 0; i < corpus().chunks.size(); ++i) {
      auto vector = source.next(rng);
      const auto start = Clock::now();
      (void)out.index->add(static_cast<uint32_t>(i), vector);
      build += std::chrono::duration<double>(Clock::now() - start).count();
    }
    out.build_s = build;
    out.rss_delta = rss_mb() - before;
    if (out.int8) {  // the float vectors again (same seed), for recall against float32
      std::mt19937 replay(42);
      const VectorSource again(replay);
      for (size_t i = 0; i < corpus().chunks.size(); ++i) out.raw.push_back(again.next(replay));
    }
    return out;
  }();
  return v;
}

void BM_VectorTop10(benchmark::State& state) {
  const VectorBuilt& v = vectors();
  std::mt19937 rng(42);  // same centroids as the corpus
  const VectorSource source(rng);
  rng.seed(7);  // queries differ from the indexed vectors
  std::vector<std::vector<float>> queries;
  for (int i = 0; i < 200; ++i) queries.push_back(source.next(rng));
  const auto all = [](uint32_t) { return true; };
  std::vector<double> us;
  size_t i = 0;
  for (auto _ : state) {
    const auto& q = queries[i++ % queries.size()];
    const auto t = Clock::now();
    auto hits = v.index->search(q, 10, all, SIZE_MAX);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    benchmark::DoNotOptimize(hits);
  }
  report_percentiles(state, us);
  size_t found = 0, total = 0;
  for (const auto& q : queries) {
    const auto approx = v.index->search(q, 10, all, SIZE_MAX);
    std::vector<uint32_t> truth;
    if (v.int8) {
      truth = float_exact_top10(v.raw, q);
    } else {
      for (const auto& e : v.index->exact_search(q, 10, all)) truth.push_back(e.ordinal);
    }
    for (uint32_t e : truth) {
      ++total;
      for (const auto& h : approx) found += h.ordinal == e ? 1 : 0;
    }
  }
  state.counters["recall@10"] = static_cast<double>(found) / static_cast<double>(total);
  state.counters["build_s"] = v.build_s;
  state.counters["rss_delta_mb"] = v.rss_delta;
}
BENCHMARK(BM_VectorTop10)->Iterations(2000)->Unit(benchmark::kMicrosecond);

// Hybrid query cost excluding query embedding: lexical top-100 + vector top-100 + RRF.
// (The two lists index different random vectors, so only the cost is meaningful.)
void BM_HybridTop10(benchmark::State& state) {
  const Built& b = lexical_index();
  const VectorBuilt& v = vectors();
  std::mt19937 rng(42);
  const VectorSource source(rng);
  rng.seed(9);
  std::vector<std::vector<float>> vqueries;
  for (int i = 0; i < 200; ++i) vqueries.push_back(source.next(rng));
  const auto& queries = corpus().queries;
  const auto all = [](uint32_t) { return true; };
  SearchQuery q;
  q.mode = SearchMode::kLexical;
  q.k = 100;
  q.access = AccessFilter::everything();
  std::vector<double> us;
  size_t i = 0;
  for (auto _ : state) {
    q.text = queries[i % queries.size()];
    const auto t = Clock::now();
    auto lexical = b.index->search(q);
    std::vector<ScoredOrdinal> lexical_hits;
    for (size_t r = 0; r < lexical->hits.size(); ++r) {
      lexical_hits.push_back({static_cast<uint32_t>(r), lexical->hits[r].score});
    }
    auto vector_hits = v.index->search(vqueries[i % vqueries.size()], 100, all, SIZE_MAX);
    auto fused = reciprocal_rank_fusion(lexical_hits, vector_hits, 10);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    benchmark::DoNotOptimize(fused);
    ++i;
  }
  report_percentiles(state, us);
}
BENCHMARK(BM_HybridTop10)->Iterations(2000)->Unit(benchmark::kMicrosecond);

void BM_VectorExactTop10(benchmark::State& state) {
  const VectorBuilt& v = vectors();
  std::mt19937 rng(8);
  const auto q = random_unit(rng, 384);
  const auto all = [](uint32_t) { return true; };
  for (auto _ : state) benchmark::DoNotOptimize(v.index->exact_search(q, 10, all));
}
BENCHMARK(BM_VectorExactTop10)->Iterations(20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
