#include "db/rows.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace sanad::db {

const char* dialect_name(Dialect dialect) noexcept {
  return dialect == Dialect::kSqlite ? "sqlite" : "postgres";
}

std::string value_debug_string(const Value& value) {
  switch (value.index()) {
    case 0: return "NULL";
    case 1: return std::to_string(std::get<int64_t>(value));
    case 2: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", std::get<double>(value));
      return buf;
    }
    case 3: return "'" + std::get<std::string>(value) + "'";
    default: return "<blob " + std::to_string(std::get<Blob>(value).bytes.size()) + " bytes>";
  }
}

namespace {

const char* type_name(const Value& v) {
  static constexpr const char* kNames[] = {"NULL", "integer", "real", "text", "blob"};
  return kNames[v.index()];
}

[[noreturn]] void wrong_type(const Columns& columns, size_t index, const Value& v, const char* wanted) {
  std::string name = index < columns.size() ? columns[index] : std::to_string(index);
  throw std::logic_error("column '" + name + "' holds " + type_name(v) + ", not " + wanted);
}

}  // namespace

Row::Row(std::shared_ptr<const Columns> columns, std::vector<Value> values)
    : columns_(std::move(columns)), values_(std::move(values)) {}

size_t Row::index_of(std::string_view column) const {
  for (size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == column) return i;
  }
  throw std::logic_error("no column named '" + std::string(column) + "' in the result");
}

const Value& Row::at(size_t index) const {
  if (index >= values_.size()) {
    throw std::logic_error("column index " + std::to_string(index) + " out of range");
  }
  return values_[index];
}

bool Row::is_null(size_t index) const {
  return std::holds_alternative<std::monostate>(at(index));
}

int64_t Row::get_int(size_t index) const {
  const Value& v = at(index);
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) {
    if (std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9.2e18) return static_cast<int64_t>(*d);
  }
  wrong_type(*columns_, index, v, "integer");
}

double Row::get_double(size_t index) const {
  const Value& v = at(index);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  wrong_type(*columns_, index, v, "real");
}

const std::string& Row::get_string(size_t index) const {
  const Value& v = at(index);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  wrong_type(*columns_, index, v, "text");
}

const Blob& Row::get_blob(size_t index) const {
  const Value& v = at(index);
  if (const auto* b = std::get_if<Blob>(&v)) return *b;
  wrong_type(*columns_, index, v, "blob");
}

std::optional<int64_t> Row::opt_int(size_t index) const {
  if (is_null(index)) return std::nullopt;
  return get_int(index);
}

std::optional<double> Row::opt_double(size_t index) const {
  if (is_null(index)) return std::nullopt;
  return get_double(index);
}

std::optional<std::string> Row::opt_string(size_t index) const {
  if (is_null(index)) return std::nullopt;
  return get_string(index);
}

void Rows::add(std::vector<Value> values) {
  if (values.size() != columns_->size()) throw std::logic_error("row width does not match the columns");
  rows_.emplace_back(columns_, std::move(values));
}

}  // namespace sanad::db
