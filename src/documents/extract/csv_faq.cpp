#include "documents/csv_faq.h"

#include <optional>

#include "core/strings.h"
#include "documents/extract/block_emitter.h"
#include "documents/extract/line_reader.h"
#include "text/normalize.h"

namespace sanad::documents {
namespace {

char detect_delimiter(std::string_view header) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',';
    semicolons += c == ';';
  }
  return semicolons > commas ? ';' : ',';
}

struct Columns {
  int question = -1;
  int answer = -1;
  int category = -1;
  int source = -1;
};

class FaqReader {
 public:
  FaqReader(const ExtractLimits& limits, const FaqSink& sink) : limits_(limits), sink_(sink) {}

  Status line(std::string_view text, std::size_t number, bool overlong) {
    if (overlong) {
      report(in_record_ ? record_line_ : number,
             "line " + std::to_string(number) + " is longer than " + std::to_string(limits_.max_line_bytes) +
                 " bytes; row skipped");
      reset();
      return Status::ok();
    }
    if (!in_record_) {
      if (header_done_ && core::trim(text).empty()) return Status::ok();
      in_record_ = true;
      record_line_ = number;
      if (!header_done_) delimiter_ = detect_delimiter(text);
    }
    record_bytes_ += text.size() + 1;
    if (record_bytes_ > limits_.max_line_bytes) {
      report(record_line_, "the record starting on line " + std::to_string(record_line_) +
                               " is longer than " + std::to_string(limits_.max_line_bytes) + " bytes; skipped");
      reset();
      return Status::ok();
    }
    for (char c : text) {
      if (quoted_) {
        if (c == '"') {
          quoted_ = false;
          after_quote_ = true;
        } else {
          field_.push_back(c);
        }
        continue;
      }
      if (c == '"') {
        // A doubled quote inside a quoted field, or a quote opening a field.
        if (after_quote_) field_.push_back('"');
        quoted_ = true;
        after_quote_ = false;
        continue;
      }
      after_quote_ = false;
      if (c == delimiter_) {
        fields_.push_back(std::move(field_));
        field_.clear();
      } else {
        field_.push_back(c);
      }
    }
    if (quoted_) {  // a quoted field goes on on the next line
      field_.push_back('\n');
      return Status::ok();
    }
    fields_.push_back(std::move(field_));
    field_.clear();
    Status s = header_done_ ? row() : header();
    reset();
    return s;
  }

  Status finish() {
    if (in_record_) {
      report(record_line_, "line " + std::to_string(record_line_) + ": unterminated quoted field; row skipped");
    }
    if (!header_done_) return invalid_argument("the CSV file is empty (no header line)");
    return Status::ok();
  }

  FaqReadSummary summary;

 private:
  void reset() {
    in_record_ = false;
    quoted_ = false;
    after_quote_ = false;
    record_bytes_ = 0;
    field_.clear();
    fields_.clear();
  }

  void report(std::size_t line, std::string message) {
    ++summary.error_count;
    if (summary.errors.size() < kMaxReportedErrors) summary.errors.push_back({line, std::move(message)});
  }

  Status header() {
    header_done_ = true;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const std::string name = core::ascii_lower(core::trim(fields_[i]));
      int* slot = name == "question" ? &columns_.question
                  : name == "answer" ? &columns_.answer
                  : name == "category" ? &columns_.category
                  : name == "source" ? &columns_.source
                                     : nullptr;
      if (slot && *slot < 0) *slot = static_cast<int>(i);
    }
    if (columns_.question < 0 || columns_.answer < 0) {
      return invalid_argument("the CSV header must name the columns question and answer (found: " +
                              core::join(fields_, std::string(1, delimiter_)) + ")");
    }
    return Status::ok();
  }

  std::string field(int column) const {
    if (column < 0 || static_cast<std::size_t>(column) >= fields_.size()) return {};
    return std::string(core::trim(text::nfkc(fields_[static_cast<std::size_t>(column)])));
  }

  Status row() {
    const std::string where = "line " + std::to_string(record_line_) + ": ";
    if (fields_.size() == 1 && core::trim(fields_[0]).empty()) return Status::ok();
    const int needed = std::max(columns_.question, columns_.answer);
    if (static_cast<int>(fields_.size()) <= needed) {
      report(record_line_, where + "expected at least " + std::to_string(needed + 1) + " fields, found " +
                               std::to_string(fields_.size()) + "; row skipped");
      return Status::ok();
    }
    FaqEntry entry;
    entry.question = field(columns_.question);
    entry.answer = field(columns_.answer);
    entry.category = field(columns_.category);
    entry.source = field(columns_.source);
    entry.line = record_line_;
    if (entry.question.empty() || entry.answer.empty()) {
      report(record_line_, where + (entry.question.empty() ? "empty question" : "empty answer") + "; row skipped");
      return Status::ok();
    }
    ++summary.entries;
    return sink_(std::move(entry));
  }

  const ExtractLimits& limits_;
  const FaqSink& sink_;
  Columns columns_;
  char delimiter_ = ',';
  bool header_done_ = false;
  bool in_record_ = false;
  bool quoted_ = false;
  bool after_quote_ = false;
  std::size_t record_line_ = 0;
  std::size_t record_bytes_ = 0;
  std::string field_;
  std::vector<std::string> fields_;
};

}  // namespace

Result<FaqReadSummary> read_faq_csv(const std::filesystem::path& path, const ExtractLimits& limits,
                                    const FaqSink& sink) {
  FaqReader reader(limits, sink);
  SANAD_RETURN_IF_ERROR(detail::for_each_line(
      path, limits.max_line_bytes, detail::LongLines::kSkip,
      [&](std::string_view line, std::size_t number, bool overlong) { return reader.line(line, number, overlong); }));
  SANAD_RETURN_IF_ERROR(reader.finish());
  return std::move(reader.summary);
}

}  // namespace sanad::documents
