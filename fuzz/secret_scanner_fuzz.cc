// libFuzzer target: the default SecretScanner over arbitrary bytes, as text that is not a file, as
// a file with a fixed name, and as a .netrc (file_glob rules). Every hit must lie inside the text
// with a masked value; nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyzers/secrets/scanner.h"

namespace {

void check(std::string_view path, std::string_view text) {
  for (const customs::SecretHit& h : customs::default_secret_scanner().scan(path, text)) {
    if (h.rule == nullptr || h.begin >= h.end || h.end > text.size() || h.line < 1 || h.column < 1)
      std::abort();
    if (h.masked.size() != h.end - h.begin && h.end - h.begin > 8) std::abort();
  }
}

}  // namespace

// The rule database is compiled once, before the first input, so it does not count as a slow unit.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)customs::default_secret_scanner();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check("", text);
  check("app/config/settings.env", text);
  check("root/.netrc", text);
  return 0;
}
