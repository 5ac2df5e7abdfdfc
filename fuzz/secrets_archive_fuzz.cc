// libFuzzer target: the secrets analyzer on arbitrary bytes read as a jar (the zip walk with its
// nesting and byte budget, then the scanner on every entry), and the secret record decoder the
// layer cache feeds. The first byte picks which. Neither may crash, hang, leak, or put a
// record's raw value anywhere but where the scanner put it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "analyzers/secrets/secret_analyzer.h"

namespace {

const customs::SecretScanner& scanner() {
  static const std::unique_ptr<customs::SecretScanner> s = [] {
    customs::SecretScanOptions o;
    o.max_file_size = 64 << 10;
    o.archive_max_bytes = 1 << 20;
    o.archive_depth = 3;
    auto created = customs::SecretScanner::create(o);
    if (!created.ok()) __builtin_trap();
    return std::move(*created);
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    auto r = customs::decode_secret_record(bytes);
    if (r) (void)customs::encode_secret_record(*r);
    return 0;
  }
  static const customs::SecretFileAnalyzer analyzer(scanner());
  customs::FsEntry e;
  e.path = "app/lib/fuzz.jar";
  e.size = bytes.size();
  std::vector<customs::AnalyzerRecord> out;
  if (analyzer.wants(e) > 0) analyzer.analyze(e, bytes, false, out);
  for (const auto& r : out)
    if (r.kind == "secret" && !customs::decode_secret_record(r.data)) __builtin_trap();
  return 0;
}
