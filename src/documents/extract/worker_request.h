#pragma once
// Internal: what the extraction child is asked to do, as `key=value` command-line
// arguments (type, file, then every IngestOptions field), built by the parent and
// parsed by the child from the same field list.

#include <filesystem>
#include <string>
#include <vector>

#include "documents/ingest.h"

namespace sanad::documents::detail {

struct WorkerRequest {
  DocumentType type = DocumentType::kText;
  std::filesystem::path file;
  IngestOptions options;
};

std::vector<std::string> request_arguments(const WorkerRequest& request);
// invalid_argument naming the first bad or missing argument.
Result<WorkerRequest> parse_request(const std::vector<std::string>& args);

}  // namespace sanad::documents::detail
