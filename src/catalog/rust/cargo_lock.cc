// The "rust-cargo-lock" row: crates a Cargo.lock pins, with the dependency graph resolved.
#include <toml++/toml.h>

#include <string>
#include <unordered_map>

#include "catalog/rust/rows.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr std::string_view kRowName = "rust-cargo-lock";
constexpr uint64_t kMaxLockfileSize = uint64_t{64} << 20;

uint64_t wants_cargo_lock(const FsEntry& entry) {
  if (entry.type != EntryType::kFile || base_name(entry.path) != "Cargo.lock") return 0;
  return kMaxLockfileSize;
}

struct LockedCrate {
  std::string source;
  std::vector<std::string> dependencies;  // as written: "name", "name version", "name version (source)"
  int line = 0;
};

// Cargo writes a dependency as "name" when one version of that crate is locked, "name version"
// when several are, and (lockfile v1/v2) "name version (source)". Resolves it to a package index.
class CrateIndex {
 public:
  CrateIndex(const std::vector<Package>& packages, const std::vector<LockedCrate>& crates)
      : packages_(packages), crates_(crates) {
    for (size_t i = 0; i < packages.size(); ++i) by_name_[packages[i].name].push_back(i);
  }

  std::optional<size_t> resolve(std::string_view reference) const {
    std::vector<std::string> words = split_whitespace(reference);
    if (words.empty()) return std::nullopt;
    auto it = by_name_.find(words[0]);
    if (it == by_name_.end()) return std::nullopt;
    std::string source;
    if (words.size() >= 3) source = trim_parens(words[2]);
    std::optional<size_t> found;
    for (size_t i : it->second) {
      if (words.size() >= 2 && packages_[i].version != words[1]) continue;
      if (!source.empty() && crates_[i].source != source) continue;
      if (found) return std::nullopt;  // ambiguous
      found = i;
    }
    return found;
  }

 private:
  static std::string trim_parens(std::string_view s) {
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
    return std::string(s);
  }

  const std::vector<Package>& packages_;
  const std::vector<LockedCrate>& crates_;
  std::unordered_map<std::string, std::vector<size_t>> by_name_;
};

// Packages without "source" are the workspace's own crates (path dependencies and members).
// They are kept, as Trivy keeps them: they are the roots of the dependency graph, and a
// workspace crate with a crates.io name is still the code that ships.
void read_packages(const CatalogFile& file, const toml::array& entries, std::vector<Package>& packages,
                   std::vector<LockedCrate>& crates, CatalogResult& out) {
  for (const toml::node& node : entries) {
    const toml::table* t = node.as_table();
    int line = static_cast<int>(node.source().begin.line);
    std::optional<std::string> name, version;
    if (t != nullptr) {
      name = (*t)["name"].value<std::string>();
      version = (*t)["version"].value<std::string>();
    }
    if (!name || !version) {
      add_diag(out, file, "rust.bad-lockfile", "[[package]] without a name and version", line);
      continue;
    }
    Package p;
    p.type = PackageType::kCargo;
    p.name = *name;
    p.version = *version;
    p.cataloger = std::string(kRowName);
    p.origin = PackageOrigin::kDeclared;
    p.path = std::string(file.path);
    LockedCrate crate;
    crate.source = (*t)["source"].value_or(std::string());
    crate.line = line;
    if (const toml::array* deps = (*t)["dependencies"].as_array()) {
      for (const toml::node& d : *deps) {
        if (auto s = d.value<std::string>()) crate.dependencies.push_back(std::move(*s));
      }
    }
    packages.push_back(std::move(p));
    crates.push_back(std::move(crate));
  }
}

void link_dependencies(const CatalogFile& file, std::vector<Package>& packages,
                       const std::vector<LockedCrate>& crates, CatalogResult& out) {
  CrateIndex index(packages, crates);
  for (size_t i = 0; i < packages.size(); ++i) {
    for (const std::string& reference : crates[i].dependencies) {
      auto target = index.resolve(reference);
      if (!target) {
        add_diag(out, file, "rust.unresolved-dependency",
                 packages[i].name + " depends on \"" + reference + "\", which no [[package]] matches",
                 crates[i].line);
        continue;
      }
      packages[i].depends_on.push_back(package_key(packages[*target]));
    }
  }
}

std::optional<toml::table> parse_toml(const CatalogFile& file, CatalogResult& out) {
#if TOML_EXCEPTIONS
  try {
    return toml::parse(file.content, file.path);
  } catch (const toml::parse_error& e) {
    add_diag(out, file, "rust.bad-lockfile", "malformed TOML: " + std::string(e.description()),
             static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column));
  } catch (const std::exception& e) {
    add_diag(out, file, "rust.bad-lockfile", std::string("malformed TOML: ") + e.what());
  }
  return std::nullopt;
#else
  toml::parse_result result = toml::parse(file.content, file.path);
  if (result) return std::move(result).table();
  const toml::parse_error& e = result.error();
  add_diag(out, file, "rust.bad-lockfile", "malformed TOML: " + std::string(e.description()),
           static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column));
  return std::nullopt;
#endif
}

void parse_cargo_lock(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated) add_diag(out, file, "rust.truncated", "Cargo.lock was truncated; it was not read");
  if (file.truncated) return;  // a cut TOML document does not parse
  auto doc = parse_toml(file, out);
  if (!doc) return;
  const toml::array* entries = (*doc)["package"].as_array();
  if (entries == nullptr) return;  // a workspace with no crates locked yet
  std::vector<Package> packages;
  std::vector<LockedCrate> crates;
  read_packages(file, *entries, packages, crates, out);
  link_dependencies(file, packages, crates, out);
  for (Package& p : packages) out.packages.push_back(std::move(p));
}

}  // namespace

Cataloger rust_cargo_lock_row() {
  return Cataloger{kRowName, "rust", 1, &wants_cargo_lock, &parse_cargo_lock};
}

}  // namespace customs
