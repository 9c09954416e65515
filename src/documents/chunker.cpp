#include "documents/chunker.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

namespace sanad::documents {

namespace {
constexpr std::size_t kSampleBytes = 32 * 1024;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
}  // namespace

std::string heading_trail_string(const std::vector<std::string>& trail) {
  std::string out;
  for (const std::string& h : trail) {
    if (!out.empty()) out.append(" > ");
    out.append(h);
  }
  return out;
}

std::size_t estimate_tokens(std::string_view text) {
  std::size_t tokens = 0;
  std::size_t run = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK)) {
      ++run;
      continue;
    }
    tokens += (run + 4) / 5;
    run = 0;
    if (c < 0 || !u_isUWhiteSpace(c)) ++tokens;
  }
  return tokens + (run + 4) / 5;
}

// ICU sentence iterator, created once per Chunker.
struct Chunker::Breaker {
  std::unique_ptr<icu::BreakIterator> sentences;
};

Chunker::Chunker(ChunkOptions options, ChunkSink sink)
    : options_(options), sink_(std::move(sink)), breaker_(std::make_unique<Breaker>()) {
  if (options_.max_tokens < 8) options_.max_tokens = 8;
  options_.overlap_tokens = std::min(options_.overlap_tokens, options_.max_tokens / 2);
  UErrorCode status = U_ZERO_ERROR;
  breaker_->sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) breaker_->sentences.reset();
}

Chunker::~Chunker() = default;

text::LanguageGuess Chunker::document_language() const { return text::detect_language(sample_); }

// Sentence boundaries of `t` as byte offsets: 0, ..., t.size().
std::vector<std::size_t> Chunker::sentence_bounds(std::string_view t) const {
  std::vector<std::size_t> bounds{0};
  if (breaker_->sentences) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(t.data(), static_cast<int32_t>(t.size())));
    breaker_->sentences->setText(u);
    std::size_t byte = 0;
    int32_t prev = 0;
    for (int32_t b = breaker_->sentences->next(); b != icu::BreakIterator::DONE; b = breaker_->sentences->next()) {
      // Advance `byte` by the UTF-8 length of UTF-16 units [prev, b).
      for (int32_t i = prev; i < b;) {
        const UChar32 c = u.char32At(i);
        byte += static_cast<std::size_t>(U8_LENGTH(c));
        i += U16_LENGTH(c);
      }
      prev = b;
      if (byte > bounds.back()) bounds.push_back(std::min(byte, t.size()));
    }
  }
  if (bounds.back() != t.size()) bounds.push_back(t.size());
  return bounds;
}

// Cuts a block into units of at most max_tokens: the whole block when it fits, else
// its sentences, and a sentence still too long at spaces (or anywhere, for text
// without spaces). Unit offsets exclude surrounding whitespace.
void Chunker::split_block(const Block& block, std::size_t start, std::vector<Unit>& out) const {
  const std::string& t = block.text;
  const bool heading = block.kind == BlockKind::kHeading;
  const std::size_t whole = estimate_tokens(t);
  if (whole <= options_.max_tokens || heading) {
    out.push_back({start, start + t.size(), whole, block.page, heading});
    return;
  }
  const std::vector<std::size_t> bounds = sentence_bounds(t);
  auto push = [&](std::size_t a, std::size_t b) {
    while (a < b && is_space(t[a])) ++a;
    while (b > a && is_space(t[b - 1])) --b;
    if (a < b) out.push_back({start + a, start + b, estimate_tokens(std::string_view(t).substr(a, b - a)), block.page, false});
  };
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    const std::size_t a = bounds[i];
    const std::size_t b = bounds[i + 1];
    if (estimate_tokens(std::string_view(t).substr(a, b - a)) <= options_.max_tokens) {
      push(a, b);
      continue;
    }
    // Too long a sentence: greedy word packing.
    std::size_t piece = a;
    std::size_t tokens = 0;
    std::size_t pos = a;
    while (pos < b) {
      std::size_t word_end = pos;
      while (word_end < b && !is_space(t[word_end])) ++word_end;
      while (word_end < b && is_space(t[word_end])) ++word_end;
      std::size_t word_tokens = estimate_tokens(std::string_view(t).substr(pos, word_end - pos));
      if (word_tokens > options_.max_tokens) {
        // No spaces to cut at: cut on a character boundary every max_tokens*4 bytes.
        push(piece, pos);
        std::size_t cut = pos;
        while (cut < word_end) {
          std::size_t next = std::min(word_end, cut + options_.max_tokens * 4);
          while (next < word_end && (static_cast<unsigned char>(t[next]) & 0xC0) == 0x80) ++next;
          push(cut, next);
          cut = next;
        }
        piece = pos = word_end;
        tokens = 0;
        continue;
      }
      if (tokens + word_tokens > options_.max_tokens && pos > piece) {
        push(piece, pos);
        piece = pos;
        tokens = 0;
      }
      tokens += word_tokens;
      pos = word_end;
    }
    push(piece, b);
  }
}

Status Chunker::add(const Block& block) {
  if (block.text.empty()) return Status::ok();
  const std::size_t start = any_block_ ? doc_size_ + 2 : 0;
  if (units_.empty()) {
    window_start_ = start;
    window_ = block.text;
  } else {
    window_.append("\n\n");
    window_.append(block.text);
  }
  if (sample_.size() < kSampleBytes) {
    if (any_block_) sample_.append("\n\n");
    sample_.append(block.text, 0, std::min(block.text.size(), kSampleBytes));
  }
  any_block_ = true;
  doc_size_ = start + block.text.size();

  if (block.kind == BlockKind::kHeading) {
    const bool only_headings =
        std::all_of(units_.begin(), units_.end(), [](const Unit& u) { return u.heading; });
    if (!units_.empty() && !only_headings) {
      if (units_.size() > overlap_units_) SANAD_RETURN_IF_ERROR(emit());
      // A new section starts without overlap; its text starts at this heading.
      units_.clear();
      unit_tokens_ = 0;
      overlap_units_ = 0;
      window_.erase(0, start - window_start_);
      window_start_ = start;
    }
    while (!trail_.empty() && trail_.back().first >= block.level) trail_.pop_back();
    trail_.emplace_back(block.level, block.text);
  }
  std::vector<Unit> units;
  split_block(block, start, units);
  for (const Unit& u : units) SANAD_RETURN_IF_ERROR(add_unit(u));
  return Status::ok();
}

Status Chunker::add_unit(const Unit& unit) {
  if (!units_.empty() && unit_tokens_ + unit.tokens > options_.max_tokens) {
    if (units_.size() == overlap_units_) {
      // Only carried-over context so far and the new unit does not fit with it:
      // drop the context rather than emit a chunk that repeats the previous one.
      units_.clear();
      unit_tokens_ = 0;
      overlap_units_ = 0;
      window_.erase(0, unit.start - window_start_);
      window_start_ = unit.start;
    } else {
      SANAD_RETURN_IF_ERROR(emit());
      keep_overlap();
    }
  }
  units_.push_back(unit);
  unit_tokens_ += unit.tokens;
  return Status::ok();
}

Status Chunker::emit() {
  if (units_.empty()) return Status::ok();
  Chunk chunk;
  chunk.index = next_index_++;
  chunk.page = units_.front().page;
  for (const auto& [level, heading] : trail_) chunk.heading_trail.push_back(heading);
  chunk.start = units_.front().start;
  chunk.end = units_.back().end;
  chunk.text = window_.substr(chunk.start - window_start_, chunk.end - chunk.start);
  chunk.language = text::detect_language(chunk.text).language;
  chunk.tokens = estimate_tokens(chunk.text);
  return sink_(std::move(chunk));
}

// After a chunk is emitted inside a section: keep its last units (up to
// overlap_tokens, never all of them) as the start of the next chunk.
void Chunker::keep_overlap() {
  const std::size_t last_end = units_.back().end;
  std::size_t keep = 0;
  std::size_t tokens = 0;
  while (keep + 1 < units_.size()) {
    const Unit& u = units_[units_.size() - 1 - keep];
    if (u.heading || tokens + u.tokens > options_.overlap_tokens) break;
    tokens += u.tokens;
    ++keep;
  }
  if (keep == 0 && !units_.back().heading) {
    // The last unit alone exceeds the overlap: carry over its last sentences instead.
    const Unit last = units_.back();
    const std::string_view t = std::string_view(window_).substr(last.start - window_start_, last.end - last.start);
    const std::vector<std::size_t> bounds = sentence_bounds(t);
    std::optional<Unit> tail;
    for (std::size_t i = bounds.size() - 2; i >= 1; --i) {
      std::size_t a = bounds[i];
      while (a < t.size() && is_space(t[a])) ++a;
      const std::size_t n = estimate_tokens(t.substr(a));
      if (n > options_.overlap_tokens) break;
      tail = Unit{last.start + a, last.end, n, last.page, false};
    }
    units_.clear();
    if (tail) {
      units_.push_back(*tail);
      tokens = tail->tokens;
      keep = 1;
    }
  } else {
    units_.erase(units_.begin(), units_.end() - static_cast<std::ptrdiff_t>(keep));
  }
  unit_tokens_ = tokens;
  overlap_units_ = keep;
  const std::size_t new_start = units_.empty() ? last_end : units_.front().start;
  window_.erase(0, new_start - window_start_);
  window_start_ = new_start;
}

Status Chunker::finish() {
  Status s = units_.size() > overlap_units_ ? emit() : Status::ok();
  units_.clear();
  overlap_units_ = 0;
  unit_tokens_ = 0;
  return s;
}

}  // namespace sanad::documents
