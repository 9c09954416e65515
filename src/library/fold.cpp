#include "library/fold.h"

#include <unicode/unistr.h>

#include "text/normalize.h"

namespace sanad::library::detail {

std::string fold_case(std::string_view utf8) {
  std::string out;
  icu::UnicodeString::fromUTF8(text::nfkc(utf8)).foldCase().toUTF8String(out);
  return out;
}

}  // namespace sanad::library::detail
