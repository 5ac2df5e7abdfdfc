// The "rust-binary" row: crates recorded by cargo-auditable, a zlib-compressed JSON dependency
// list in a ".dep-v0" section (ELF, PE; Mach-O: "__DATA,.dep-v0").
#include <string>

#include "catalog/binary/executable.h"
#include "catalog/rust/rows.h"
#include "catalog/util.h"

namespace customs {

namespace {

constexpr std::string_view kRowName = "rust-binary";
constexpr uint64_t kMinExecutableSize = 1024;
// Real audit data is a few KiB of JSON (well under 1 MiB for the largest dependency trees).
constexpr size_t kMaxAuditJson = size_t{32} << 20;

// The same rule as go-binary: regular files with an execute bit (both rows read the same files).
uint64_t wants_executable(const FsEntry& entry) {
  if (entry.type != EntryType::kFile || (entry.mode & 0111) == 0 || entry.size < kMinExecutableSize) return 0;
  return UINT64_MAX;
}

const ExecSection* find_audit_section(const Executable& exe) {
  if (const ExecSection* s = exe.find_section(".dep-v0")) return s;
  return exe.find_section("__dep_v0");
}

Package make_crate(const CatalogFile& file, const nlohmann::json& entry) {
  Package p;
  p.type = PackageType::kCargo;
  p.name = json_string(entry, "name");
  p.version = json_string(entry, "version");
  p.cataloger = std::string(kRowName);
  p.origin = PackageOrigin::kBinary;
  p.path = std::string(file.path);
  // Build dependencies (build scripts, proc macros) ran while compiling but are not linked into
  // the executable; they are kept, marked like a lockfile's development dependencies.
  p.dev = json_string(entry, "kind") == "build";
  return p;
}

// Resolves "dependencies" (indices into the package array) into package keys.
void link_dependencies(const CatalogFile& file, const nlohmann::json& list, std::vector<Package>& packages,
                       const std::vector<size_t>& package_of_entry, CatalogResult& out) {
  size_t bad = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    size_t from = package_of_entry[i];
    auto it = list[i].find("dependencies");
    if (from == SIZE_MAX || it == list[i].end() || !it->is_array()) continue;
    for (const nlohmann::json& index : *it) {
      if (!index.is_number_unsigned() || index.get<uint64_t>() >= list.size() ||
          package_of_entry[index.get<uint64_t>()] == SIZE_MAX) {
        ++bad;
        continue;
      }
      packages[from].depends_on.push_back(package_key(packages[package_of_entry[index.get<uint64_t>()]]));
    }
  }
  if (bad > 0)
    add_diag(out, file, "rust.bad-audit-data",
             std::to_string(bad) + " dependency indices point at no package");
}

void read_audit_json(const CatalogFile& file, std::string_view json_text, CatalogResult& out) {
  auto doc = parse_json_bytes(json_text, file.path);
  if (!doc) {
    add_diag(out, file, "rust.bad-audit-data", "cargo-auditable data: " + doc.error().message);
    return;
  }
  auto it = doc->find("packages");
  if (!doc->is_object() || it == doc->end() || !it->is_array()) {
    add_diag(out, file, "rust.bad-audit-data", "cargo-auditable data has no \"packages\" array");
    return;
  }
  std::vector<Package> packages;
  std::vector<size_t> package_of_entry(it->size(), SIZE_MAX);
  for (size_t i = 0; i < it->size(); ++i) {
    const nlohmann::json& entry = (*it)[i];
    Package p = make_crate(file, entry);
    if (p.name.empty() || p.version.empty()) continue;
    package_of_entry[i] = packages.size();
    packages.push_back(std::move(p));
  }
  if (packages.size() < it->size())
    add_diag(
        out, file, "rust.bad-audit-data",
        std::to_string(it->size() - packages.size()) + " packages without a name or version were skipped");
  link_dependencies(file, *it, packages, package_of_entry, out);
  for (Package& p : packages) out.packages.push_back(std::move(p));
}

void parse_rust_binary(const CatalogFile& file, CatalogResult& out) {
  // wants() matched every executable file; most were not built with cargo-auditable, so bytes
  // that are not an executable, or one without the section, are skipped silently.
  if (!looks_like_executable(file.content)) return;
  auto exe = parse_executable(file.content);
  if (!exe) return;
  const ExecSection* section = find_audit_section(*exe);
  if (section == nullptr) return;
  if (file.truncated)
    add_diag(out, file, "rust.truncated", "executable was truncated; audit data may be missing");
  auto json_text = inflate_zlib(exe->section_bytes(*section), kMaxAuditJson);
  if (!json_text) {
    add_diag(out, file, "rust.bad-audit-data", "cargo-auditable section: " + json_text.error().message);
    return;
  }
  read_audit_json(file, *json_text, out);
}

}  // namespace

Cataloger rust_binary_row() { return Cataloger{kRowName, "rust", 1, &wants_executable, &parse_rust_binary}; }

std::vector<Cataloger> rust_catalogers() { return {rust_binary_row(), rust_cargo_lock_row()}; }

}  // namespace customs
