#pragma once
// Internal: Unicode case folding for comparisons (folder names, title filter).

#include <string>
#include <string_view>

namespace sanad::library::detail {

// NFKC, then ICU full case folding ("CONGÉS" and "congés" fold alike).
std::string fold_case(std::string_view utf8);

}  // namespace sanad::library::detail
