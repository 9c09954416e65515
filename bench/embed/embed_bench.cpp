// Encoder throughput and latency on full-size random-weight models, against the
// machine's own OpenBLAS sgemm ceiling. Models are written to
// $SANAD_BENCH_MODEL_DIR (kept, so bench/embed/torch_bench.py can load the same
// weights) or to a temporary folder removed at exit. With SANAD_BENCH_KERNELS_ONLY
// set, only the one-layer kernel/linear benchmarks run (no model is written).
#include <benchmark/benchmark.h>
#include <cblas.h>
#include <stdlib.h>

#include <time.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <random>
#include <thread>

#include "bench_models.h"
#include "embed/bert_encoder.h"
#include "embed/int8_gemm.h"
#include "embed/pooling.h"
#include "embed/tensor_ops.h"
#ifdef SANAD_BENCH_ONEDNN
#include "onednn_linear.h"
#endif

namespace sanad::embed::bench {
namespace {

struct Model {
  std::string name;
  std::unique_ptr<BertEncoder> encoder;
  std::unique_ptr<BertEncoder> int8;  // the same benchmarks with int8 linear layers
};

// Multiply-adds x2 of one forward pass over `batch` sequences of `len` tokens.
double forward_flops(const EncoderConfig& c, double batch, double len) {
  const double t = batch * len, h = static_cast<double>(c.hidden), i = static_cast<double>(c.intermediate);
  const double per_layer = 2 * t * h * 3 * h + 2 * t * h * h + 2 * 2 * t * h * i + 2 * 2 * batch * len * len * h;
  return per_layer * static_cast<double>(c.layers);
}

std::vector<std::vector<int32_t>> make_batch(const EncoderConfig& c, size_t batch, size_t len) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int32_t> id(5, static_cast<int32_t>(c.vocab_size) - 1);
  std::vector<std::vector<int32_t>> seqs(batch, std::vector<int32_t>(len));
  for (auto& s : seqs) {
    for (auto& x : s) x = id(rng);
  }
  return seqs;
}

// CPU seconds used so far by the calling thread: unlike wall time, it stays
// meaningful on a machine shared with other work (one-thread measurements).
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Best GFLOP/s of sgemm at the feed-forward shape (tokens x 1536 x 384); with
// one thread, per CPU second of the calling thread.
double sgemm_gflops(unsigned threads, size_t m) {
  set_blas_threads(threads);
  const size_t n = 1536, k = 384;
  std::vector<float> a(m * k, 0.01f), b(n * k, 0.02f), c(m * n);
  double best = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < until) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_seconds();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(m), static_cast<int>(n),
                static_cast<int>(k), 1.0f, a.data(), static_cast<int>(k), b.data(), static_cast<int>(k),
                0.0f, c.data(), static_cast<int>(n));
    const double s = threads == 1 ? thread_cpu_seconds() - cpu_start
                                  : std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::max(best, 2.0 * static_cast<double>(m * n * k) / s / 1e9);
  }
  return best;
}

// Throughput (batch 32 at 128 and 256 tokens, on all cores and on one) and
// 16-token query latency of `encoder`, named under `name`.
void register_encoder(const std::string& name, const BertEncoder* encoder, unsigned cores, double ceiling_all,
                      double ceiling_one) {
  // On a shared machine the one-core figure (and the CPU time column) is the
  // one that stays comparable.
  for (unsigned threads : {cores, 1u}) {
    if (threads == 1 && cores == 1) continue;
    const double ceiling = threads == 1 ? ceiling_one : ceiling_all;
    for (size_t len : {128, 256}) {
      benchmark::RegisterBenchmark(
          (name + "/throughput/batch32/len" + std::to_string(len) + "/threads" + std::to_string(threads)).c_str(),
          [encoder, len, threads, ceiling](benchmark::State& state) {
            set_blas_threads(1);  // as LocalEmbedder::load: the encoder parallelises over sequences itself
            const auto batch = make_batch(encoder->config(), 32, len);
            std::vector<float> states;
            const std::vector<size_t> lengths(32, len);
            const double cpu_start = thread_cpu_seconds();
            for (auto _ : state) {
              encoder->forward(batch, states, threads);
              auto v = pool(states, lengths, static_cast<size_t>(encoder->config().hidden), Pooling::kMean, true);
              benchmark::DoNotOptimize(v);
            }
            const double flops = forward_flops(encoder->config(), 32, static_cast<double>(len));
            if (threads == 1) {  // per CPU second: all work runs on this thread
              const double cpu = (thread_cpu_seconds() - cpu_start) / static_cast<double>(state.iterations());
              state.counters["cpu_chunks_per_s"] = 32 / cpu;
              state.counters["cpu_GFLOPS"] = flops / cpu / 1e9;
              state.counters["cpu_fraction_of_sgemm"] = flops / cpu / 1e9 / ceiling;
            }
            state.counters["chunks_per_s"] = benchmark::Counter(32, benchmark::Counter::kIsIterationInvariantRate);
            state.counters["GFLOPS"] =
                benchmark::Counter(flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
            state.counters["sgemm_ceiling_GFLOPS"] = ceiling;
          })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->MinTime(3.0);
    }
  }
  benchmark::RegisterBenchmark((name + "/query/batch1/len16/1thread").c_str(),
                               [encoder](benchmark::State& state) {
                                 set_blas_threads(1);
                                 const auto batch = make_batch(encoder->config(), 1, 16);
                                 std::vector<float> states;
                                 for (auto _ : state) {
                                   encoder->forward(batch, states, 1);
                                   auto v = pool(states, {16}, static_cast<size_t>(encoder->config().hidden),
                                                 Pooling::kMean, true);
                                   benchmark::DoNotOptimize(v);
                                 }
                               })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MinTime(2.0);
}

// Min cosine between the int8 and fp32 mean-pooled vectors of a batch of 32 x
// 128 random tokens (PyTorch's dynamic int8 reports the same in torch_bench.py).
void print_int8_agreement(const Model& model) {
  const auto batch = make_batch(model.encoder->config(), 32, 128);
  const std::vector<size_t> lengths(32, 128);
  const auto hidden = static_cast<size_t>(model.encoder->config().hidden);
  std::vector<float> exact_states, int8_states;
  model.encoder->forward(batch, exact_states, 1);
  model.int8->forward(batch, int8_states, 1);
  const auto exact = pool(exact_states, lengths, hidden, Pooling::kMean, true);
  const auto approx = pool(int8_states, lengths, hidden, Pooling::kMean, true);
  double min_cosine = 1.0;
  for (size_t i = 0; i < exact.size(); ++i) {
    double dot = 0.0;
    for (size_t k = 0; k < hidden; ++k) dot += static_cast<double>(exact[i][k]) * approx[i][k];
    min_cosine = std::min(min_cosine, dot);
  }
  std::cout << model.name << " int8 vs fp32 (32 x 128 tokens): min cosine " << std::setprecision(9) << min_cosine
            << std::setprecision(6) << "\n";
}

// One linear layer at the feed-forward shape (rows x 384 -> 1536) with random
// inputs, weights and bias.
struct LinearCase {
  size_t rows = 0, in = 384, out = 1536;
  std::vector<float> x, w, b;
  QuantizedMatrix quantized;
  Int8Weights packed;
};

LinearCase make_linear_case(size_t rows) {
  LinearCase c;
  c.rows = rows;
  std::mt19937 rng(3);
  std::normal_distribution<float> d(0.0f, 1.0f);
  c.x.resize(rows * c.in), c.w.resize(c.in * c.out), c.b.resize(c.out);
  for (float& v : c.x) v = d(rng);
  for (float& v : c.w) v = d(rng) * 0.05f;
  for (float& v : c.b) v = d(rng) * 0.1f;
  c.quantized = quantize_columns(c.w, c.in, c.out);
  c.packed = pack_int8(c.quantized);
  return c;
}

// Runs `layer` (y from the case's x) under `state`, reporting multiply-adds per
// CPU second of this thread.
template <typename Layer>
void time_linear(benchmark::State& state, const LinearCase& c, Layer&& layer) {
  std::vector<float> y(c.rows * c.out);
  const double cpu_start = thread_cpu_seconds();
  for (auto _ : state) {
    layer(y.data());
    benchmark::DoNotOptimize(y.data());
  }
  const double cpu = (thread_cpu_seconds() - cpu_start) / static_cast<double>(state.iterations());
  state.counters["cpu_GMAC_per_s"] = static_cast<double>(c.rows * c.in * c.out) / cpu / 1e9;
}

void register_linear(const std::string& kind, size_t rows, std::function<void(benchmark::State&)> body) {
  benchmark::RegisterBenchmark(("kernel/linear/" + kind + "/rows" + std::to_string(rows)).c_str(), std::move(body))
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime()
      ->MinTime(1.0);
}

// fp32 sgemm against the int8 kernel (and oneDNN's matmul for both, when built
// with it), in multiply-adds per CPU second of this thread.
void register_kernels() {
  for (size_t rows : {16, 8192}) {
    register_linear("fp32", rows, [rows](benchmark::State& state) {
      set_blas_threads(1);
      const LinearCase c = make_linear_case(rows);
      time_linear(state, c, [&c](float* y) { linear(c.x.data(), c.rows, c.in, c.w.data(), c.b.data(), c.out, y); });
    });
    register_linear("int8", rows, [rows](benchmark::State& state) {
      const LinearCase c = make_linear_case(rows);
      time_linear(state, c, [&c](float* y) { int8_linear(c.x.data(), c.rows, c.packed, c.b.data(), y); });
    });
#ifdef SANAD_BENCH_ONEDNN
    for (bool int8 : {true, false}) {
      register_linear(int8 ? "onednn-int8" : "onednn-fp32", rows, [rows, int8](benchmark::State& state) {
        set_blas_threads(1);
        set_onednn_threads(1);
        const LinearCase c = make_linear_case(rows);
        auto layer = int8 ? OnednnLinear::int8(c.quantized, c.b.data(), rows)
                          : OnednnLinear::fp32(c.w.data(), c.in, c.out, c.b.data(), rows);
        // Setup check: the same result as Sanad's kernel of the same precision.
        std::vector<float> expected(rows * c.out), got(rows * c.out);
        if (int8) {
          int8_linear(c.x.data(), rows, c.packed, c.b.data(), expected.data());
        } else {
          linear(c.x.data(), rows, c.in, c.w.data(), c.b.data(), c.out, expected.data());
        }
        layer->run(c.x.data(), got.data());
        double worst = 0;
        for (size_t i = 0; i < got.size(); ++i) {
          const double diff = std::fabs(double{got[i]} - expected[i]);
          worst = std::max(worst, diff / (1.0 + std::fabs(double{expected[i]})));
        }
        if (!(worst <= 1e-5) || state.max_iterations == 1) {  // once per benchmark, or on failure
          std::cerr << "kernel/linear/" << (int8 ? "onednn-int8" : "onednn-fp32") << "/rows" << rows << ": "
                    << layer->implementation() << ", worst |diff| / (1 + |y|) against Sanad " << worst << "\n";
        }
        if (!(worst <= 1e-5)) {
          std::cerr << "oneDNN disagrees with Sanad's kernel\n";
          std::exit(1);
        }
        time_linear(state, c, [&c, &layer](float* y) { layer->run(c.x.data(), y); });
      });
    }
#endif
  }
}

}  // namespace
}  // namespace sanad::embed::bench

int main(int argc, char** argv) {
  using namespace sanad::embed;
  using namespace sanad::embed::bench;
  benchmark::Initialize(&argc, argv);
  if (std::getenv("SANAD_BENCH_KERNELS_ONLY") != nullptr) {  // the kernel/linear benchmarks, no model files
    register_kernels();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
  }
  std::string root;
  bool owned = false;
  if (const char* dir = std::getenv("SANAD_BENCH_MODEL_DIR")) {
    root = dir;
  } else {
    std::string pattern = (std::filesystem::temp_directory_path() / "sanad-embed-bench-XXXXXX").string();
    root = ::mkdtemp(pattern.data());
    owned = true;
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<Model> models;
  for (auto [name, shape] : {std::pair{"minilm-l6", minilm_shape()}, std::pair{"e5-small", e5_small_shape()}}) {
    const std::string dir = root + "/" + name;
    write_bench_model(dir, shape);
    auto file = SafetensorsFile::open(dir + "/model.safetensors");
    if (!file.is_ok()) {
      std::cerr << file.status().to_string() << "\n";
      return 1;
    }
    auto encoder = BertEncoder::load(shape, std::shared_ptr<const SafetensorsFile>(std::move(file).value()), cores);
    if (!encoder.is_ok()) {
      std::cerr << encoder.status().to_string() << "\n";
      return 1;
    }
    std::unique_ptr<BertEncoder> int8;
    auto reopened = SafetensorsFile::open(dir + "/model.safetensors");
    if (reopened.is_ok()) {
      auto quantized =
          BertEncoder::load(shape, std::shared_ptr<const SafetensorsFile>(std::move(reopened).value()), 1, true);
      if (quantized.is_ok()) int8 = std::move(quantized).value();
    }
    models.push_back({name, std::move(encoder).value(), std::move(int8)});
  }
  const double ceiling_all = sgemm_gflops(cores, 32 * 256);
  const double ceiling_one = sgemm_gflops(1, 32 * 256);
  std::cout << "sgemm ceiling (8192x1536x384): " << ceiling_all << " GFLOP/s on " << cores
            << " threads, " << ceiling_one << " GFLOP/s on 1 thread\n";

  for (const Model& model : models) {
    if (model.int8) print_int8_agreement(model);
  }
  register_kernels();
  for (const Model& model : models) {
    register_encoder(model.name, model.encoder.get(), cores, ceiling_all, ceiling_one);
  }
  for (const Model& model : models) {
    if (model.int8) register_encoder(model.name + "/int8", model.int8.get(), cores, ceiling_all, ceiling_one);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  models.clear();
  if (owned) std::filesystem::remove_all(root);
  return 0;
}
