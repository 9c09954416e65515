#include "embed/bert_encoder.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>

#include "embed/tensor_ops.h"

namespace sanad::embed {
namespace {

// Finds the prefix ("", "bert.", "roberta.") under which the checkpoint stores
// its tensors, by looking for the word embeddings.
std::string tensor_prefix(const SafetensorsFile& file) {
  for (const char* prefix : {"", "bert.", "roberta.", "model."}) {
    if (file.contains(std::string(prefix) + "embeddings.word_embeddings.weight")) return prefix;
  }
  return "";
}

// Older checkpoints name LayerNorm parameters gamma/beta.
std::string layer_norm_name(const SafetensorsFile& file, const std::string& base, bool weight) {
  const std::string modern = base + (weight ? ".weight" : ".bias");
  if (file.contains(modern)) return modern;
  const std::string legacy = base + (weight ? ".gamma" : ".beta");
  return file.contains(legacy) ? legacy : modern;
}

}  // namespace

Result<std::unique_ptr<BertEncoder>> BertEncoder::load(
    const EncoderConfig& config, std::shared_ptr<const SafetensorsFile> weights, unsigned threads,
    bool int8) {
  std::unique_ptr<BertEncoder> enc(new BertEncoder());
  enc->config_ = config;
  enc->threads_ = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  enc->int8_ = int8;
  const SafetensorsFile& f = *weights;
  const std::string p = tensor_prefix(f);
  const int64_t h = config.hidden, inter = config.intermediate;

  SANAD_ASSIGN_OR_RETURN(enc->word_embeddings_,
                         f.get(p + "embeddings.word_embeddings.weight", {config.vocab_size, h}));
  SANAD_ASSIGN_OR_RETURN(enc->position_embeddings_,
                         f.get_f32(p + "embeddings.position_embeddings.weight", {config.max_positions, h}));
  SANAD_ASSIGN_OR_RETURN(enc->token_type_embeddings_,
                         f.get_f32(p + "embeddings.token_type_embeddings.weight", {config.type_vocab_size, h}));
  const std::string eln = p + "embeddings.LayerNorm";
  SANAD_ASSIGN_OR_RETURN(enc->emb_ln_g_, f.get_f32(layer_norm_name(f, eln, true), {h}));
  SANAD_ASSIGN_OR_RETURN(enc->emb_ln_b_, f.get_f32(layer_norm_name(f, eln, false), {h}));

  for (int64_t i = 0; i < config.layers; ++i) {
    const std::string l = p + "encoder.layer." + std::to_string(i) + ".";
    Layer layer;
    std::vector<float> qkv;
    qkv.reserve(static_cast<size_t>(3 * h * h));
    layer.qkv_b.reserve(static_cast<size_t>(3 * h));
    for (const char* part : {"query", "key", "value"}) {
      const std::string base = l + "attention.self." + part;
      SANAD_ASSIGN_OR_RETURN(auto w, f.get_f32(base + ".weight", {h, h}));
      SANAD_ASSIGN_OR_RETURN(auto b, f.get_f32(base + ".bias", {h}));
      qkv.insert(qkv.end(), w.begin(), w.end());
      layer.qkv_b.insert(layer.qkv_b.end(), b.begin(), b.end());
    }
    const auto hs = static_cast<size_t>(h), is = static_cast<size_t>(inter);
    layer.qkv_w = transpose(qkv, 3 * hs, hs);
    SANAD_ASSIGN_OR_RETURN(layer.out_w, f.get_f32(l + "attention.output.dense.weight", {h, h}));
    layer.out_w = transpose(layer.out_w, hs, hs);
    SANAD_ASSIGN_OR_RETURN(layer.out_b, f.get_f32(l + "attention.output.dense.bias", {h}));
    const std::string ln1 = l + "attention.output.LayerNorm";
    SANAD_ASSIGN_OR_RETURN(layer.ln1_g, f.get_f32(layer_norm_name(f, ln1, true), {h}));
    SANAD_ASSIGN_OR_RETURN(layer.ln1_b, f.get_f32(layer_norm_name(f, ln1, false), {h}));
    SANAD_ASSIGN_OR_RETURN(layer.ff1_w, f.get_f32(l + "intermediate.dense.weight", {inter, h}));
    layer.ff1_w = transpose(layer.ff1_w, is, hs);
    SANAD_ASSIGN_OR_RETURN(layer.ff1_b, f.get_f32(l + "intermediate.dense.bias", {inter}));
    SANAD_ASSIGN_OR_RETURN(layer.ff2_w, f.get_f32(l + "output.dense.weight", {h, inter}));
    layer.ff2_w = transpose(layer.ff2_w, hs, is);
    SANAD_ASSIGN_OR_RETURN(layer.ff2_b, f.get_f32(l + "output.dense.bias", {h}));
    const std::string ln2 = l + "output.LayerNorm";
    SANAD_ASSIGN_OR_RETURN(layer.ln2_g, f.get_f32(layer_norm_name(f, ln2, true), {h}));
    SANAD_ASSIGN_OR_RETURN(layer.ln2_b, f.get_f32(layer_norm_name(f, ln2, false), {h}));
    if (int8) {
      auto quantize = [](std::vector<float>& w, Int8Weights& q, size_t in, size_t out) {
        q = pack_int8(quantize_columns(w, in, out));
        std::vector<float>().swap(w);
      };
      quantize(layer.qkv_w, layer.qkv_q, hs, 3 * hs);
      quantize(layer.out_w, layer.out_q, hs, hs);
      quantize(layer.ff1_w, layer.ff1_q, hs, is);
      quantize(layer.ff2_w, layer.ff2_q, is, hs);
    }
    enc->layers_.push_back(std::move(layer));
  }
  enc->weights_ = std::move(weights);
  return enc;
}

void BertEncoder::attention(std::span<const std::vector<int32_t>> sequences, const float* qkv, float* context,
                            unsigned threads) const {
  const auto h = static_cast<size_t>(config_.hidden);
  const auto heads = static_cast<size_t>(config_.heads);
  const size_t d = h / heads;
  const float scale = 1.0f / std::sqrt(static_cast<float>(d));
  const int ld_qkv = static_cast<int>(3 * h);
  // Work items are (sequence, head) pairs, shared out round-robin.
  std::vector<size_t> starts;
  size_t total = 0, longest = 0;
  for (const auto& s : sequences) {
    starts.push_back(total);
    total += s.size();
    longest = std::max(longest, s.size());
  }
  const size_t items = sequences.size() * heads;
  auto run = [&](size_t first, size_t step) {
    std::vector<float> scores(longest * longest);
    for (size_t item = first; item < items; item += step) {
      const size_t seq = item / heads, head = item % heads;
      const size_t len = sequences[seq].size();
      const auto n = static_cast<int>(len);
      const float* q = qkv + starts[seq] * 3 * h + head * d;
      const float* k = q + h;
      const float* v = q + 2 * h;
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, static_cast<int>(d), scale, q,
                  ld_qkv, k, ld_qkv, 0.0f, scores.data(), n);
      softmax_rows(scores.data(), len, len);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, static_cast<int>(d), n, 1.0f,
                  scores.data(), n, v, ld_qkv, 0.0f, context + starts[seq] * h + head * d,
                  static_cast<int>(h));
    }
  };
  // Threads only pay off for real batches; a short query stays on the caller.
  const size_t workers = total >= 256 ? std::min<size_t>(threads, items) : 1;
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(run, w, workers);
  run(0, workers);
  for (auto& t : pool) t.join();
}

void BertEncoder::apply(const float* x, size_t rows, const std::vector<float>& w, const Int8Weights& q,
                        const std::vector<float>& b, size_t in, size_t out, float* y) const {
  if (int8_) {
    int8_linear(x, rows, q, b.data(), y);
  } else {
    linear(x, rows, in, w.data(), b.data(), out, y);
  }
}

void BertEncoder::forward(const std::vector<std::vector<int32_t>>& sequences,
                          std::vector<float>& out, unsigned threads) const {
  if (threads == 0) threads = threads_;
  const auto h = static_cast<size_t>(config_.hidden);
  size_t total = 0;
  for (const auto& s : sequences) total += s.size();
  out.assign(total * h, 0.0f);
  if (total == 0) return;
  // Short inputs stay on the caller: threads cost more than they save there.
  const size_t groups = total >= 256 ? std::min<size_t>(threads, sequences.size()) : 1;
  if (groups <= 1) {
    forward_group(sequences, out.data(), total >= 256 ? threads : 1);
    return;
  }
  // Contiguous groups of about total / groups tokens each, one thread each.
  std::vector<std::thread> pool;
  size_t begin = 0, row = 0, done_tokens = 0;
  for (size_t g = 0; g < groups && begin < sequences.size(); ++g) {
    const size_t target = total * (g + 1) / groups;
    size_t end = begin, tokens = 0;
    while (end < sequences.size() && (end == begin || done_tokens + tokens < target || g + 1 == groups)) {
      tokens += sequences[end].size();
      ++end;
    }
    std::span<const std::vector<int32_t>> part(sequences.data() + begin, end - begin);
    float* slice = out.data() + row * h;
    if (end == sequences.size()) {
      forward_group(part, slice, 1);  // the last group runs here
    } else {
      pool.emplace_back([this, part, slice] { forward_group(part, slice, 1); });
    }
    row += tokens;
    done_tokens += tokens;
    begin = end;
  }
  for (auto& t : pool) t.join();
}

void BertEncoder::forward_group(std::span<const std::vector<int32_t>> sequences, float* out,
                                unsigned threads) const {
  const auto h = static_cast<size_t>(config_.hidden);
  const auto inter = static_cast<size_t>(config_.intermediate);
  size_t total = 0;
  for (const auto& s : sequences) total += s.size();

  // Embeddings: word + position + token type 0, then LayerNorm.
  size_t r = 0;
  for (const auto& s : sequences) {
    for (size_t t = 0; t < s.size(); ++t, ++r) {
      float* x = out + r * h;
      convert_to_f32(word_embeddings_, static_cast<size_t>(s[t]) * h, h, x);
      const float* pos = position_embeddings_.data() + (t + static_cast<size_t>(config_.position_offset)) * h;
      const float* type = token_type_embeddings_.data();
      for (size_t i = 0; i < h; ++i) x[i] += pos[i] + type[i];
    }
  }
  add_layer_norm(out, nullptr, total, h, emb_ln_g_.data(), emb_ln_b_.data(),
                 config_.layer_norm_eps);

  std::vector<float> qkv(total * 3 * h), context(total * h), attn(total * h);
  std::vector<float> ff(total * inter);
  for (const Layer& layer : layers_) {
    apply(out, total, layer.qkv_w, layer.qkv_q, layer.qkv_b, h, 3 * h, qkv.data());
    attention(sequences, qkv.data(), context.data(), threads);
    apply(context.data(), total, layer.out_w, layer.out_q, layer.out_b, h, h, attn.data());
    add_layer_norm(attn.data(), out, total, h, layer.ln1_g.data(), layer.ln1_b.data(),
                   config_.layer_norm_eps);
    apply(attn.data(), total, layer.ff1_w, layer.ff1_q, layer.ff1_b, h, inter, ff.data());
    gelu(ff.data(), ff.size());
    apply(ff.data(), total, layer.ff2_w, layer.ff2_q, layer.ff2_b, inter, h, out);
    add_layer_norm(out, attn.data(), total, h, layer.ln2_g.data(), layer.ln2_b.data(),
                   config_.layer_norm_eps);
  }
}

}  // namespace sanad::embed
