#include "documents/extract/worker_request.h"

#include <charconv>
#include <cstdlib>
#include <map>
#include <string_view>

namespace sanad::documents::detail {

namespace {

// Calls `visit(name, field)` for every tunable field; the one list both directions use.
template <typename Options, typename Visit>
void for_each_option(Options& o, Visit&& visit) {
  visit("max_tokens", o.chunking.max_tokens);
  visit("overlap_tokens", o.chunking.overlap_tokens);
  visit("max_zip_entries", o.limits.max_zip_entries);
  visit("max_zip_uncompressed", o.limits.max_zip_uncompressed);
  visit("max_zip_ratio", o.limits.max_zip_ratio);
  visit("max_xml_bytes", o.limits.max_xml_bytes);
  visit("max_markup_bytes", o.limits.max_markup_bytes);
  visit("max_line_bytes", o.limits.max_line_bytes);
  visit("max_block_bytes", o.limits.max_block_bytes);
  visit("max_pdf_pages", o.limits.max_pdf_pages);
}

template <typename T>
bool parse_number(const std::string& text, T& out) {
  if constexpr (std::is_floating_point_v<T>) {
    char* end = nullptr;
    out = static_cast<T>(std::strtod(text.c_str(), &end));
    return !text.empty() && end == text.c_str() + text.size();
  } else {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
  }
}

}  // namespace

std::vector<std::string> request_arguments(const WorkerRequest& request) {
  std::vector<std::string> args;
  args.push_back("type=" + std::string(document_type_name(request.type)));
  args.push_back("file=" + request.file.string());
  for_each_option(request.options, [&](const char* name, const auto& field) {
    args.push_back(std::string(name) + "=" + std::to_string(field));
  });
  return args;
}

Result<WorkerRequest> parse_request(const std::vector<std::string>& args) {
  std::map<std::string, std::string> values;
  for (const auto& arg : args) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos) return invalid_argument("sanad-extract: expected key=value, got '" + arg + "'");
    values[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  WorkerRequest request;
  bool type_found = false;
  for (auto type : {DocumentType::kPdf, DocumentType::kDocx, DocumentType::kHtml, DocumentType::kMarkdown,
                    DocumentType::kText, DocumentType::kCsv}) {
    if (values["type"] == document_type_name(type)) {
      request.type = type;
      type_found = true;
    }
  }
  if (!type_found) return invalid_argument("sanad-extract: unknown type '" + values["type"] + "'");
  if (values["file"].empty()) return invalid_argument("sanad-extract: no file");
  request.file = values["file"];
  Status status;
  for_each_option(request.options, [&](const char* name, auto& field) {
    auto it = values.find(name);
    if (it != values.end() && status && !parse_number(it->second, field)) {
      status = invalid_argument(std::string("sanad-extract: bad value for ") + name);
    }
  });
  if (!status) return status;
  return request;
}

}  // namespace sanad::documents::detail
