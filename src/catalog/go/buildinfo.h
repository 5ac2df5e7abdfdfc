#pragma once
// Go build information: the blob the Go linker embeds in every executable (Go's
// debug/buildinfo algorithm) and the module information text inside it (runtime/debug's
// ParseBuildInfo format).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/binary/executable.h"

namespace customs {

struct GoBuildInfoBlob {
  enum class Status {
    kFound,
    kNotGo,    // no build info header: not a Go executable
    kDamaged,  // a header was found but its strings could not be read
  };
  Status status = Status::kNotGo;
  std::string go_version;  // "go1.19.8"
  std::string modinfo;     // the module text without its 16-byte sentinels; "" when built without modules
  std::string problem;     // what was wrong, for kDamaged
};

// Finds and decodes the build info blob: in the ".go.buildinfo" (ELF) or "__go_buildinfo"
// (Mach-O) section, else near the start of the first writable data section or segment, else
// anywhere 16-byte aligned in the first MiB of the file. Both encodings: inline varint-prefixed
// strings (flags & 2, Go >= 1.18) and pointers to Go string headers (read by virtual address).
GoBuildInfoBlob read_go_build_info(const Executable& exe);

struct GoModule {
  std::string path;
  std::string version;
  std::string sum;
};

struct GoDependency {
  GoModule module;
  bool replaced = false;
  GoModule replacement;  // the "=>" line that followed it
};

struct GoModInfo {
  std::string package_path;  // "path": the main package
  bool has_main = false;
  GoModule main;  // "mod"
  std::vector<GoDependency> deps;
  std::vector<std::pair<std::string, std::string>> settings;  // "build" key=value, in order
  std::vector<std::string> problems;                          // lines that could not be read
};

// Parses the module text: tab-separated "path", "mod", "dep", "=>" and "build" lines.
GoModInfo parse_go_modinfo(std::string_view text);

}  // namespace customs
