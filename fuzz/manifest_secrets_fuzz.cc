// libFuzzer target: scan_manifest_secrets over arbitrary bytes (YAML or anything else). It must
// return findings or a located error, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "analyzers/secrets/manifest_secrets.h"

// The rule database is compiled once, before the first input, so it does not count as a slow unit.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)customs::default_secret_scanner();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  customs::FindingSink sink;
  customs::Status st =
      customs::scan_manifest_secrets(customs::default_secret_scanner(), "fuzz.yaml", text, sink);
  if (!st.ok() && st.error().where.file != "fuzz.yaml") std::abort();
  for (const customs::Finding& f : sink.findings())
    if (f.location.line < 1 || f.location.column < 1) std::abort();
  return 0;
}
