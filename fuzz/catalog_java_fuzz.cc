// libFuzzer target for the Java cataloger: the same bytes go through the MANIFEST.MF, pom.properties,
// pom.xml and file-name parsers and through the whole-archive path with small limits. None may crash,
// hang or leak, no package may come out with an empty name or version, and every package path must
// start with the archive's own path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/java/java.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);

  customs::JarManifest manifest = customs::parse_manifest(bytes);
  (void)customs::package_from_manifest(manifest, bytes.substr(0, 64));
  (void)customs::parse_pom_properties(bytes);
  (void)customs::parse_pom_xml(bytes, "pom.xml");
  if (auto name = customs::parse_jar_file_name(bytes.substr(0, 128)))
    if (name->name.empty() || name->version.empty()) __builtin_trap();

  customs::JavaArchiveOptions options;
  options.limits.max_entries = 2000;
  options.limits.max_total_bytes = 8u << 20;
  options.max_depth = 3;
  customs::CatalogResult out;
  customs::parse_java_archive(bytes, "fuzz-1.0.jar", options, out);
  for (const customs::Package& p : out.packages) {
    if (p.name.empty() || p.version.empty()) __builtin_trap();
    if (p.path.rfind("fuzz-1.0.jar", 0) != 0) __builtin_trap();
  }
  return 0;
}
