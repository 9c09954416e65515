#pragma once
// Makes model output safe to render as markdown in the web app, whatever a
// prompt injection made the model write: raw HTML is escaped; images are
// removed (inline, reference-style, any URL), so nothing is fetched on
// display and no data leaves through an image URL; links keep only http(s)
// and mailto targets and are written out as visible "text (URL)" so nothing
// hides where a link goes; other targets (javascript:, data:, relative, ...)
// keep their text only; reference definitions are resolved and removed.
// Code spans and fenced code blocks are left as they are (rendered literally).
// Pure function; thread-safe.

#include <string>
#include <string_view>

namespace sanad::llm {

struct SanitizeOptions {
  // true: allowed links stay markdown links "[text](url)"; false (default):
  // "text (url)", so the destination is always visible.
  bool keep_link_markup = false;
};

std::string sanitize_markdown(std::string_view markdown, const SanitizeOptions& options = {});

// True for http://, https:// and mailto: URLs (case-insensitive, after
// trimming), the only link targets sanitize_markdown keeps.
bool is_allowed_link_url(std::string_view url);

}  // namespace sanad::llm
