#include "onednn_linear.h"

#include <omp.h>

// GCC 12 reports the deliberately undefined registers inside its own AVX-512
// intrinsics (_mm512_undefined_*) as uninitialised once they are inlined here.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <dnnl.hpp>

namespace sanad::embed::bench {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

struct OnednnLinear::State {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  dnnl::matmul matmul;
  std::string implementation;
  size_t rows = 0, in = 0, out = 0;
  bool quantise = false;
  std::vector<uint8_t> q;          // int8: the quantised rows of x
  std::vector<float> row_scale;    // int8: one per row
  std::vector<float> bias;
  dnnl::memory src, weights, dst, row_scale_memory, bias_memory;
};

namespace {

// Row r of x to u8 as int8_linear does it: multiplier 127 / max|row|, products
// rounded to nearest even, clamped to ±127, offset by 128; scale = max|row| / 127.
__attribute__((target("avx512f"))) void quantise_rows_avx512(const float* x, size_t rows, size_t in,
                                                             uint8_t* q, float* scale) {
  const size_t whole = in - in % 16;
  for (size_t r = 0; r < rows; ++r) {
    const float* row = x + r * in;
    __m512 top = _mm512_setzero_ps();
    for (size_t k = 0; k < whole; k += 16) top = _mm512_max_ps(top, _mm512_abs_ps(_mm512_loadu_ps(row + k)));
    float max_abs = _mm512_reduce_max_ps(top);
    for (size_t k = whole; k < in; ++k) max_abs = std::max(max_abs, std::fabs(row[k]));
    const float multiplier = max_abs > 0.0f ? 127.0f / max_abs : 0.0f;
    scale[r] = max_abs / 127.0f;
    const __m512 m = _mm512_set1_ps(multiplier);
    uint8_t* out = q + r * in;
    for (size_t k = 0; k < whole; k += 16) {
      const __m512i v = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_loadu_ps(row + k), m));
      const __m512i clamped = _mm512_max_epi32(_mm512_min_epi32(v, _mm512_set1_epi32(127)), _mm512_set1_epi32(-127));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k),
                       _mm512_cvtepi32_epi8(_mm512_add_epi32(clamped, _mm512_set1_epi32(128))));
    }
    for (size_t k = whole; k < in; ++k) {
      const float v = std::clamp(std::nearbyint(row[k] * multiplier), -127.0f, 127.0f);
      out[k] = static_cast<uint8_t>(static_cast<int>(v) + 128);
    }
  }
}

dnnl::memory::dim dim(size_t n) { return static_cast<dnnl::memory::dim>(n); }

// Creates the primitive for `desc` and `attr`, and the weights in the layout it
// chose (reordered once from `user_weights`).
void build(OnednnLinear::State& s, const dnnl::matmul::desc& desc, const dnnl::primitive_attr& attr,
           dnnl::memory user_weights) {
  const dnnl::matmul::primitive_desc pd(desc, attr, s.engine);
  s.implementation = pd.impl_info_str();
  s.matmul = dnnl::matmul(pd);
  s.weights = dnnl::memory(pd.weights_desc(), s.engine);
  dnnl::reorder(user_weights, s.weights).execute(s.stream, user_weights, s.weights);
  s.stream.wait();
  s.dst = dnnl::memory(pd.dst_desc(), s.engine, DNNL_MEMORY_NONE);
}

}  // namespace

OnednnLinear::OnednnLinear(std::unique_ptr<State> state) : state_(std::move(state)) {}
OnednnLinear::~OnednnLinear() = default;

std::unique_ptr<OnednnLinear> OnednnLinear::int8(const QuantizedMatrix& w, const float* b, size_t rows) {
  auto s = std::make_unique<State>();
  s->rows = rows, s->in = w.in, s->out = w.out, s->quantise = true;
  s->q.resize(rows * w.in);
  s->row_scale.resize(rows);
  s->bias.assign(b, b + w.out);
  // Batched 3-D shapes {1, rows, ...}: oneDNN 2.6's fast (brgemm) matmul takes a
  // per-row binary post-op only in this form; 2-D {rows, 1} falls back to its
  // reference loop.
  const dnnl::memory::desc src_md({1, dim(rows), dim(w.in)}, dt::u8, tag::abc);
  const dnnl::memory::desc weights_md({1, dim(w.in), dim(w.out)}, dt::s8, tag::any);
  const dnnl::memory::desc dst_md({1, dim(rows), dim(w.out)}, dt::f32, tag::abc);
  const dnnl::memory::desc row_scale_md({1, dim(rows), 1}, dt::f32, tag::abc);
  const dnnl::memory::desc bias_md({1, 1, dim(w.out)}, dt::f32, tag::abc);
  dnnl::primitive_attr attr;
  attr.set_output_scales(1 << 2, w.scale);  // per output column
  attr.set_zero_points(DNNL_ARG_SRC, 0, {128});
  dnnl::post_ops ops;
  ops.append_binary(dnnl::algorithm::binary_mul, row_scale_md);
  ops.append_binary(dnnl::algorithm::binary_add, bias_md);
  attr.set_post_ops(ops);
  const dnnl::memory user_weights({{1, dim(w.in), dim(w.out)}, dt::s8, tag::abc}, s->engine,
                                  const_cast<int8_t*>(w.q.data()));
  build(*s, dnnl::matmul::desc(src_md, weights_md, dst_md), attr, user_weights);
  s->src = dnnl::memory(src_md, s->engine, s->q.data());
  s->row_scale_memory = dnnl::memory(row_scale_md, s->engine, s->row_scale.data());
  s->bias_memory = dnnl::memory(bias_md, s->engine, s->bias.data());
  return std::unique_ptr<OnednnLinear>(new OnednnLinear(std::move(s)));
}

std::unique_ptr<OnednnLinear> OnednnLinear::fp32(const float* w, size_t in, size_t out, const float* b,
                                                 size_t rows) {
  auto s = std::make_unique<State>();
  s->rows = rows, s->in = in, s->out = out;
  s->bias.assign(b, b + out);
  const dnnl::memory::desc src_md({dim(rows), dim(in)}, dt::f32, tag::ab);
  const dnnl::memory::desc bias_md({1, dim(out)}, dt::f32, tag::ab);
  const dnnl::memory user_weights({{dim(in), dim(out)}, dt::f32, tag::ab}, s->engine, const_cast<float*>(w));
  build(*s,
        dnnl::matmul::desc(src_md, dnnl::memory::desc({dim(in), dim(out)}, dt::f32, tag::any), bias_md,
                           dnnl::memory::desc({dim(rows), dim(out)}, dt::f32, tag::ab)),
        dnnl::primitive_attr(), user_weights);
  s->src = dnnl::memory(src_md, s->engine, DNNL_MEMORY_NONE);
  s->bias_memory = dnnl::memory(bias_md, s->engine, s->bias.data());
  return std::unique_ptr<OnednnLinear>(new OnednnLinear(std::move(s)));
}

void OnednnLinear::run(const float* x, float* y) {
  State& s = *state_;
  s.dst.set_data_handle(y);
  if (s.quantise) {
    quantise_rows_avx512(x, s.rows, s.in, s.q.data(), s.row_scale.data());
    s.matmul.execute(s.stream, {{DNNL_ARG_SRC, s.src},
                                {DNNL_ARG_WEIGHTS, s.weights},
                                {DNNL_ARG_DST, s.dst},
                                {DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1, s.row_scale_memory},
                                {DNNL_ARG_ATTR_MULTIPLE_POST_OP(1) | DNNL_ARG_SRC_1, s.bias_memory}});
  } else {
    s.src.set_data_handle(const_cast<float*>(x));
    s.matmul.execute(s.stream, {{DNNL_ARG_SRC, s.src},
                                {DNNL_ARG_WEIGHTS, s.weights},
                                {DNNL_ARG_BIAS, s.bias_memory},
                                {DNNL_ARG_DST, s.dst}});
  }
  s.stream.wait();
}

std::string OnednnLinear::implementation() const { return state_->implementation; }

void set_onednn_threads(int threads) { omp_set_num_threads(threads); }

}  // namespace sanad::embed::bench
