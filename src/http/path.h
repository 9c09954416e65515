#pragma once
// Request-target normalisation, done BEFORE routing so that spelling variants of a
// path can never reach a different handler than the canonical spelling.
//
// Rules (documented in README.md):
//  - the target must start with '/'; the query ('?' onwards) is split off first;
//  - in each segment, ";params" are stripped (before decoding, so an encoded %3B stays data);
//  - segments are percent-decoded; a malformed escape is rejected;
//  - a decoded '/', '\\', NUL or other control character is rejected (so %2F can never
//    create a segment boundary, and %00 never reaches a file system call);
//  - "." and ".." segments (also encoded as %2e) are rejected, not resolved;
//  - empty segments (from "//") are dropped, so a trailing '/' disappears ("/" stays "/").
// Literal-segment case folding is the router's job; the normalised path keeps its case.
// Pure functions; thread-safe.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sanad::http {

// The normalised path for a raw target (without the query), or invalid_argument.
Result<std::string> normalize_path(std::string_view target);

// Percent-decodes `in`; `plus_is_space` for query strings. Fails on a malformed escape.
Result<std::string> percent_decode(std::string_view in, bool plus_is_space);

// Parses "a=1&b=2" (decoded; the last value of a repeated name wins).
Result<std::map<std::string, std::string>> parse_query(std::string_view query);

// Splits a normalised path into its segments ("/a/b" -> {"a","b"}; "/" -> {}).
std::vector<std::string_view> path_segments(std::string_view path);

}  // namespace sanad::http
