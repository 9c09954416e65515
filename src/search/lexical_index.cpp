#include "search/lexical_index.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace sanad::search {
namespace {

struct Cursor {
  const std::vector<uint32_t>* docs = nullptr;
  const std::vector<float>* wtf = nullptr;
  size_t pos = 0;
  double idf = 0.0;
  double bound = 0.0;
  size_t slot = 0;  // position of the term in canonical (sorted) order

  uint32_t doc() const {
    return pos < docs->size() ? (*docs)[pos] : std::numeric_limits<uint32_t>::max();
  }
  void seek(uint32_t target) {
    if (doc() >= target) return;
    // Galloping search from the current position.
    size_t step = 1, lo = pos, hi = pos + 1;
    while (hi < docs->size() && (*docs)[hi] < target) {
      lo = hi;
      step *= 2;
      hi = pos + step;
    }
    hi = std::min(hi, docs->size());
    pos = static_cast<size_t>(std::lower_bound(docs->begin() + static_cast<std::ptrdiff_t>(lo),
                                               docs->begin() + static_cast<std::ptrdiff_t>(hi), target) -
                              docs->begin());
  }
};

// Sorted ids as deltas in LEB128 varints: ~2 bytes per id instead of 4.
std::string pack_ids(std::vector<uint32_t> ids) {
  std::sort(ids.begin(), ids.end());
  std::string out;
  uint32_t previous = 0;
  for (uint32_t id : ids) {
    uint32_t delta = id - previous;
    previous = id;
    while (delta >= 0x80) {
      out.push_back(static_cast<char>((delta & 0x7F) | 0x80));
      delta >>= 7;
    }
    out.push_back(static_cast<char>(delta));
  }
  return out;
}

// Inverse of pack_ids; false on a truncated code.
bool unpack_ids(std::string_view packed, std::vector<uint32_t>& ids) {
  ids.clear();
  uint32_t previous = 0;
  for (size_t i = 0; i < packed.size();) {
    uint32_t delta = 0;
    int shift = 0;
    for (;;) {
      if (i >= packed.size() || shift > 28) return false;
      const auto byte = static_cast<uint8_t>(packed[i++]);
      delta |= static_cast<uint32_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) break;
      shift += 7;
    }
    previous += delta;
    ids.push_back(previous);
  }
  return true;
}

}  // namespace

LexicalIndex::LexicalIndex(FieldWeights weights) : weights_(weights) {}

float LexicalIndex::weighted_length(const Doc& d) const {
  return static_cast<float>(weights_.title * d.title_len + weights_.headings * d.headings_len +
                            weights_.body * d.body_len);
}

void LexicalIndex::add(uint32_t ordinal, const FieldTerms& terms) {
  if (docs_.size() <= ordinal) docs_.resize(static_cast<size_t>(ordinal) + 1);
  Doc& doc = docs_[ordinal];
  doc.title_len = static_cast<uint32_t>(terms.title.size());
  doc.headings_len = static_cast<uint32_t>(terms.headings.size());
  doc.body_len = static_cast<uint32_t>(terms.body.size());
  doc.length = weighted_length(doc);
  doc.live = true;

  // Integer frequencies per field, then one weighted frequency per term.
  struct Counts { uint32_t title = 0, headings = 0, body = 0; };
  std::unordered_map<std::string_view, Counts> counts;
  for (const auto& t : terms.title) ++counts[t].title;
  for (const auto& t : terms.headings) ++counts[t].headings;
  for (const auto& t : terms.body) ++counts[t].body;
  std::vector<std::pair<std::string_view, Counts>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<uint32_t> ids;
  ids.reserve(sorted.size());
  for (const auto& [term, c] : sorted) {
    auto [it, inserted] = term_ids_.try_emplace(std::string(term), static_cast<uint32_t>(terms_.size()));
    if (inserted) terms_.emplace_back();
    Postings& p = terms_[it->second];
    const auto wtf = static_cast<float>(weights_.title * c.title + weights_.headings * c.headings +
                                        weights_.body * c.body);
    p.docs.push_back(ordinal);
    p.wtf.push_back(wtf);
    p.max_wtf = std::max(p.max_wtf, wtf);
    ++p.df;
    ids.push_back(it->second);
  }
  doc.term_ids = pack_ids(std::move(ids));
  total_postings_ += sorted.size();
  total_title_ += doc.title_len;
  total_headings_ += doc.headings_len;
  total_body_ += doc.body_len;
  min_length_ = std::min(min_length_, doc.length);
  ++live_docs_;
}

void LexicalIndex::remove(uint32_t ordinal) {
  if (ordinal >= docs_.size() || !docs_[ordinal].live) return;
  Doc& doc = docs_[ordinal];
  doc.live = false;
  std::vector<uint32_t> ids;
  unpack_ids(doc.term_ids, ids);
  for (uint32_t id : ids) --terms_[id].df;
  dead_postings_ += ids.size();
  total_title_ -= doc.title_len;
  total_headings_ -= doc.headings_len;
  total_body_ -= doc.body_len;
  --live_docs_;
  doc.term_ids.clear();
  doc.term_ids.shrink_to_fit();
  if (dead_postings_ > 4096 && dead_postings_ * 2 > total_postings_) compact();
}

void LexicalIndex::compact() {
  for (Postings& p : terms_) {
    size_t out = 0;
    for (size_t i = 0; i < p.docs.size(); ++i) {
      if (!docs_[p.docs[i]].live) continue;
      p.docs[out] = p.docs[i];
      p.wtf[out] = p.wtf[i];
      ++out;
    }
    p.docs.resize(out);
    p.wtf.resize(out);
    p.docs.shrink_to_fit();
    p.wtf.shrink_to_fit();
  }
  total_postings_ -= dead_postings_;
  dead_postings_ = 0;
}

std::vector<ScoredOrdinal> LexicalIndex::top_k(const std::vector<std::string>& query_terms,
                                               size_t k, const Bm25Params& params,
                                               const std::function<bool(uint32_t)>& allowed,
                                               const std::vector<std::string>& tie_keys) const {
  std::vector<ScoredOrdinal> heap;
  if (k == 0 || live_docs_ == 0) return heap;
  const double n = static_cast<double>(live_docs_);
  const double avg_length =
      (weights_.title * static_cast<double>(total_title_) +
       weights_.headings * static_cast<double>(total_headings_) +
       weights_.body * static_cast<double>(total_body_)) / n;
  const double k1 = params.k1;
  const double b = params.b;
  const double norm_avg = avg_length > 0 ? 1.0 / avg_length : 0.0;

  // Canonical order of the query terms (sorted), so sums do not depend on history.
  std::vector<std::string> canonical = query_terms;
  std::sort(canonical.begin(), canonical.end());
  canonical.erase(std::unique(canonical.begin(), canonical.end()), canonical.end());
  std::vector<Cursor> cursors;
  for (size_t slot = 0; slot < canonical.size(); ++slot) {
    auto it = term_ids_.find(canonical[slot]);
    if (it == term_ids_.end()) continue;
    const Postings& p = terms_[it->second];
    if (p.df == 0) continue;
    const double df = p.df;
    Cursor c;
    c.docs = &p.docs;
    c.wtf = &p.wtf;
    c.idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    const double min_norm = k1 * (1.0 - b + b * min_length_ * norm_avg);
    c.bound = c.idf * p.max_wtf * (k1 + 1.0) / (p.max_wtf + min_norm) * (1.0 + 1e-9);
    c.slot = slot;
    cursors.push_back(c);
  }
  if (cursors.empty()) return heap;
  std::sort(cursors.begin(), cursors.end(),
            [](const Cursor& a, const Cursor& b2) { return a.bound < b2.bound; });
  std::vector<double> prefix(cursors.size());
  double acc = 0.0;
  for (size_t i = 0; i < cursors.size(); ++i) prefix[i] = (acc += cursors[i].bound);

  auto better = [&](const ScoredOrdinal& x, const ScoredOrdinal& y) {
    if (x.score != y.score) return x.score > y.score;
    return tie_keys[x.ordinal] < tie_keys[y.ordinal];
  };
  double threshold = -1.0;  // score of the worst kept hit once the heap is full
  size_t first_essential = 0;
  std::vector<double> contrib(canonical.size(), 0.0);

  auto term_score = [&](const Cursor& c, uint32_t d) {
    const double tf = (*c.wtf)[c.pos];
    const double norm = k1 * (1.0 - b + b * docs_[d].length * norm_avg);
    return c.idf * tf * (k1 + 1.0) / (tf + norm);
  };

  while (first_essential < cursors.size()) {
    uint32_t d = std::numeric_limits<uint32_t>::max();
    for (size_t i = first_essential; i < cursors.size(); ++i) d = std::min(d, cursors[i].doc());
    if (d == std::numeric_limits<uint32_t>::max()) break;

    if (!docs_[d].live || !allowed(d)) {
      for (size_t i = first_essential; i < cursors.size(); ++i) {
        if (cursors[i].doc() == d) ++cursors[i].pos;
      }
      continue;
    }
    std::fill(contrib.begin(), contrib.end(), 0.0);
    double partial = 0.0;
    for (size_t i = first_essential; i < cursors.size(); ++i) {
      Cursor& c = cursors[i];
      if (c.doc() != d) continue;
      const double s = term_score(c, d);
      contrib[c.slot] = s;
      partial += s;
      ++c.pos;
    }
    bool pruned = false;
    for (size_t i = first_essential; i-- > 0;) {
      if (heap.size() == k && partial + prefix[i] < threshold) {
        pruned = true;
        break;
      }
      Cursor& c = cursors[i];
      c.seek(d);
      if (c.doc() == d) {
        const double s = term_score(c, d);
        contrib[c.slot] = s;
        partial += s;
      }
    }
    if (pruned) continue;
    double score = 0.0;
    for (double s : contrib) score += s;
    ScoredOrdinal hit{d, score};
    if (heap.size() < k) {
      heap.push_back(hit);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (better(hit, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = hit;
      std::push_heap(heap.begin(), heap.end(), better);
    } else {
      continue;
    }
    if (heap.size() == k) {
      threshold = heap.front().score;
      while (first_essential < cursors.size() && prefix[first_essential] < threshold) {
        ++first_essential;
      }
    }
  }
  std::sort_heap(heap.begin(), heap.end(), better);
  return heap;
}

size_t LexicalIndex::memory_bytes() const {
  size_t bytes = docs_.capacity() * sizeof(Doc) + terms_.capacity() * sizeof(Postings);
  for (const Postings& p : terms_) bytes += p.docs.capacity() * 4 + p.wtf.capacity() * 4;
  for (const Doc& d : docs_) bytes += d.term_ids.capacity();
  for (const auto& [term, id] : term_ids_) bytes += term.capacity() + 48;
  return bytes;
}

void LexicalIndex::save(BinaryWriter& out) const {
  out.put<double>(weights_.title);
  out.put<double>(weights_.headings);
  out.put<double>(weights_.body);
  std::vector<std::string_view> names(terms_.size());
  for (const auto& [term, id] : term_ids_) names[id] = term;
  out.put<uint64_t>(terms_.size());
  for (size_t id = 0; id < terms_.size(); ++id) {
    const Postings& p = terms_[id];
    out.put_string(names[id]);
    out.put<uint32_t>(p.df);
    out.put<float>(p.max_wtf);
    out.put_vector(p.docs);
    out.put_vector(p.wtf);
  }
  out.put<uint64_t>(docs_.size());
  for (const Doc& d : docs_) {
    out.put<uint32_t>(d.title_len);
    out.put<uint32_t>(d.headings_len);
    out.put<uint32_t>(d.body_len);
    out.put<uint8_t>(d.live ? 1 : 0);
    out.put_string(d.term_ids);
  }
  out.put<uint64_t>(live_docs_);
  out.put<uint64_t>(dead_postings_);
  out.put<uint64_t>(total_postings_);
  out.put<uint64_t>(total_title_);
  out.put<uint64_t>(total_headings_);
  out.put<uint64_t>(total_body_);
  out.put<float>(min_length_);
}

bool LexicalIndex::load(BinaryReader& in) {
  LexicalIndex fresh;
  fresh.weights_.title = in.get<double>();
  fresh.weights_.headings = in.get<double>();
  fresh.weights_.body = in.get<double>();
  const auto term_count = in.get<uint64_t>();
  for (uint64_t id = 0; id < term_count && in.ok(); ++id) {
    std::string name = in.get_string();
    Postings p;
    p.df = in.get<uint32_t>();
    p.max_wtf = in.get<float>();
    p.docs = in.get_vector<uint32_t>();
    p.wtf = in.get_vector<float>();
    if (p.docs.size() != p.wtf.size()) return false;
    fresh.term_ids_.emplace(std::move(name), static_cast<uint32_t>(id));
    fresh.terms_.push_back(std::move(p));
  }
  const auto doc_count = in.get<uint64_t>();
  for (uint64_t i = 0; i < doc_count && in.ok(); ++i) {
    Doc d;
    d.title_len = in.get<uint32_t>();
    d.headings_len = in.get<uint32_t>();
    d.body_len = in.get<uint32_t>();
    d.live = in.get<uint8_t>() != 0;
    d.term_ids = in.get_string();
    d.length = fresh.weighted_length(d);
    fresh.docs_.push_back(std::move(d));
  }
  fresh.live_docs_ = in.get<uint64_t>();
  fresh.dead_postings_ = in.get<uint64_t>();
  fresh.total_postings_ = in.get<uint64_t>();
  fresh.total_title_ = in.get<uint64_t>();
  fresh.total_headings_ = in.get<uint64_t>();
  fresh.total_body_ = in.get<uint64_t>();
  fresh.min_length_ = in.get<float>();
  if (!in.ok()) return false;
  for (const Postings& p : fresh.terms_) {
    for (uint32_t d : p.docs) {
      if (d >= fresh.docs_.size()) return false;
    }
  }
  std::vector<uint32_t> ids;
  for (const Doc& d : fresh.docs_) {
    if (!unpack_ids(d.term_ids, ids)) return false;
    for (uint32_t t : ids) {
      if (t >= fresh.terms_.size()) return false;
    }
  }
  *this = std::move(fresh);
  return true;
}

}  // namespace sanad::search
