// The "go-binary" row: Go modules from the build information embedded in Go executables.
#include <string>

#include "catalog/binary/executable.h"
#include "catalog/catalog.h"
#include "catalog/go/buildinfo.h"
#include "catalog/util.h"

namespace customs {

namespace {

constexpr std::string_view kRowName = "go-binary";
constexpr uint64_t kMinExecutableSize = 1024;

// Regular files with an execute bit and room for a header: the only files that can be Go programs.
uint64_t wants_executable(const FsEntry& entry) {
  if (entry.type != EntryType::kFile || (entry.mode & 0111) == 0 || entry.size < kMinExecutableSize) return 0;
  return UINT64_MAX;
}

Package make_module(const CatalogFile& file, std::string_view path, std::string_view version) {
  Package p;
  p.type = PackageType::kGolang;
  size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) {
    p.namespace_ = std::string(path.substr(0, slash));
    p.name = std::string(path.substr(slash + 1));
  } else {
    p.name = std::string(path);
  }
  p.version = std::string(version);
  p.cataloger = std::string(kRowName);
  p.origin = PackageOrigin::kBinary;
  p.path = std::string(file.path);
  return p;
}

// A replacement by a local directory ("=> ../dep (devel)") has no module identity of its own:
// the package keeps the required module's path and version, and version_source says so.
bool is_local_directory(std::string_view path) {
  return starts_with(path, "./") || starts_with(path, "../") || starts_with(path, "/") || path == "." ||
         path == "..";
}

Package make_dependency(const CatalogFile& file, const GoDependency& dep) {
  if (!dep.replaced) return make_module(file, dep.module.path, dep.module.version);
  const GoModule& r = dep.replacement;
  if (is_local_directory(r.path)) {
    Package p = make_module(file, dep.module.path, dep.module.version);
    p.version_source = "build info: replaced by local directory " + r.path;
    return p;
  }
  Package p = make_module(file, r.path, r.version);
  p.version_source = "build info: replacement of " + dep.module.path + " " + dep.module.version;
  return p;
}

// "go1.19.8" -> "v1.19.8"; "go1.20.1 X:boringcrypto" -> "v1.20.1"; other forms ("devel +abc")
// are kept as written.
std::string stdlib_version(std::string_view go_version) {
  std::string_view v = go_version.substr(0, go_version.find(' '));
  if (starts_with(v, "go")) return "v" + std::string(v.substr(2));
  return std::string(go_version);
}

void add_packages(const CatalogFile& file, const GoBuildInfoBlob& blob, CatalogResult& out) {
  GoModInfo info = parse_go_modinfo(blob.modinfo);
  for (const std::string& problem : info.problems)
    add_diag(out, file, "go.bad-modinfo", "Go build info module text: " + problem);
  std::vector<Package> packages;
  for (const GoDependency& dep : info.deps) {
    if (dep.module.path.empty()) continue;  // old toolchains could record an empty "(devel)" dep
    packages.push_back(make_dependency(file, dep));
  }
  Package stdlib = make_module(file, "stdlib", stdlib_version(blob.go_version));
  packages.push_back(stdlib);
  // Without a "mod" line the program was built outside module mode (GOPATH, as Debian builds
  // it): there is no main module to name, only the toolchain's standard library.
  if (info.has_main && !info.main.path.empty()) {
    Package main = make_module(file, info.main.path, info.main.version);
    main.version_source = "build info";
    for (const Package& p : packages) main.depends_on.push_back(package_key(p));
    packages.insert(packages.begin(), std::move(main));
  }
  for (Package& p : packages) out.packages.push_back(std::move(p));
}

void parse_go_binary(const CatalogFile& file, CatalogResult& out) {
  // wants() matched every executable file: most are not Go programs (shell scripts, C
  // programs, shared libraries), so bytes that are not an executable, or an executable without
  // Go build info, are skipped silently rather than reported.
  if (!looks_like_executable(file.content)) return;
  auto exe = parse_executable(file.content);
  if (!exe) return;
  GoBuildInfoBlob blob = read_go_build_info(*exe);
  if (blob.status == GoBuildInfoBlob::Status::kNotGo) return;
  if (file.truncated)
    add_diag(out, file, "go.truncated", "executable was truncated; Go build info may be incomplete");
  if (blob.status == GoBuildInfoBlob::Status::kDamaged) {
    add_diag(out, file, "go.bad-buildinfo", "Go build info header found but unreadable: " + blob.problem);
    return;
  }
  add_packages(file, blob, out);
}

}  // namespace

std::vector<Cataloger> go_catalogers() {
  return {Cataloger{kRowName, "go", 1, &wants_executable, &parse_go_binary}};
}

}  // namespace customs
