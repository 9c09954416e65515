#pragma once
// Query results: Rows is an ordered list of Row; a Row gives cells by index or by
// column name through typed getters. Asking for a column that does not exist, or
// for a type the cell does not hold, is a programming error and throws
// std::logic_error (callers know their SQL); NULL is reported by is_null() and
// the opt_* getters. Immutable after construction; safe to read from any thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/value.h"

namespace sanad::db {

// Column names of a result, shared by all its rows.
using Columns = std::vector<std::string>;

class Row {
 public:
  Row(std::shared_ptr<const Columns> columns, std::vector<Value> values);

  size_t size() const { return values_.size(); }
  const Columns& columns() const { return *columns_; }
  // Index of `column`; throws std::logic_error when absent.
  size_t index_of(std::string_view column) const;

  const Value& at(size_t index) const;
  const Value& at(std::string_view column) const { return at(index_of(column)); }

  bool is_null(size_t index) const;
  bool is_null(std::string_view column) const { return is_null(index_of(column)); }

  // INTEGER cell (a REAL with an integral value is accepted: PostgreSQL SUM()).
  int64_t get_int(size_t index) const;
  int64_t get_int(std::string_view column) const { return get_int(index_of(column)); }
  // REAL or INTEGER cell.
  double get_double(size_t index) const;
  double get_double(std::string_view column) const { return get_double(index_of(column)); }
  // TEXT cell.
  const std::string& get_string(size_t index) const;
  const std::string& get_string(std::string_view column) const { return get_string(index_of(column)); }
  // BLOB / BYTEA cell.
  const Blob& get_blob(size_t index) const;
  const Blob& get_blob(std::string_view column) const { return get_blob(index_of(column)); }
  // INTEGER 0/1 (or PostgreSQL boolean) as bool.
  bool get_bool(size_t index) const { return get_int(index) != 0; }
  bool get_bool(std::string_view column) const { return get_int(column) != 0; }

  // As above, std::nullopt for NULL.
  std::optional<int64_t> opt_int(size_t index) const;
  std::optional<int64_t> opt_int(std::string_view column) const { return opt_int(index_of(column)); }
  std::optional<double> opt_double(size_t index) const;
  std::optional<double> opt_double(std::string_view column) const { return opt_double(index_of(column)); }
  std::optional<std::string> opt_string(size_t index) const;
  std::optional<std::string> opt_string(std::string_view column) const {
    return opt_string(index_of(column));
  }

 private:
  std::shared_ptr<const Columns> columns_;
  std::vector<Value> values_;
};

class Rows {
 public:
  Rows() : columns_(std::make_shared<const Columns>()) {}
  explicit Rows(std::shared_ptr<const Columns> columns) : columns_(std::move(columns)) {}

  const Columns& columns() const { return *columns_; }
  // Appends a row; `values.size()` must equal the number of columns.
  void add(std::vector<Value> values);

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const Row& operator[](size_t i) const { return rows_[i]; }
  const Row& front() const { return rows_.front(); }
  std::vector<Row>::const_iterator begin() const { return rows_.begin(); }
  std::vector<Row>::const_iterator end() const { return rows_.end(); }

 private:
  std::shared_ptr<const Columns> columns_;
  std::vector<Row> rows_;
};

}  // namespace sanad::db
