#pragma once
// Content-Disposition for downloads (RFC 6266): an ASCII `filename` fallback and,
// when the name is not plain ASCII, `filename*` in UTF-8 percent-encoding (RFC 8187).
// Pure function.

#include <string>
#include <string_view>

namespace sanad::api {

// `attachment; filename="..."[; filename*=UTF-8''...]`. Quotes, backslashes and
// control characters never reach the header.
std::string content_disposition(std::string_view disposition, std::string_view file_name);

}  // namespace sanad::api
