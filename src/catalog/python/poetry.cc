// "python-poetry": poetry.lock. Every [[package]] table is one locked distribution: name, version,
// and which groups need it: `category = "dev"` (lock format 1.x) or `groups = [...]` without
// "main" (poetry 2) mark development-only packages. [package.dependencies] names are resolved to
// the versions locked in the same file.
#include <toml++/toml.h>

#include <unordered_map>

#include "catalog/python/python.h"
#include "catalog/util.h"

namespace customs {
namespace {

constexpr std::string_view kRow = "python-poetry";
constexpr uint64_t kMaxBytes = uint64_t{64} << 20;

struct LockedPackage {
  std::string name;
  std::string version;
  bool dev = false;
  std::vector<std::string> dependencies;  // names as written
};

std::string toml_string(const toml::table& t, std::string_view key) {
  const toml::value<std::string>* v = t.get_as<std::string>(key);
  return v != nullptr ? v->get() : std::string();
}

bool is_dev(const toml::table& pkg) {
  if (toml_string(pkg, "category") == "dev") return true;
  const toml::array* groups = pkg.get_as<toml::array>("groups");
  if (groups == nullptr || groups->empty()) return false;
  for (const toml::node& g : *groups)
    if (g.value_or(std::string_view()) == "main") return false;
  return true;
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Reads the [[package]] tables; the ones without a name or version become diagnostics.
std::vector<LockedPackage> read_packages(const CatalogFile& file, const toml::array& packages,
                                         CatalogResult& out) {
  std::vector<LockedPackage> locked;
  for (const toml::node& node : packages) {
    const toml::table* pkg = node.as_table();
    if (pkg == nullptr) {
      add_diag(out, file, "python.poetry-bad-package", "[[package]] entry is not a table", line_of(node));
      continue;
    }
    LockedPackage lp{toml_string(*pkg, "name"), toml_string(*pkg, "version"), is_dev(*pkg), {}};
    if (lp.name.empty() || lp.version.empty()) {
      add_diag(out, file, "python.poetry-bad-package", "[[package]] without a name or version",
               line_of(node));
      continue;
    }
    if (const toml::table* deps = pkg->get_as<toml::table>("dependencies"))
      for (const auto& [dep, constraint] : *deps) lp.dependencies.emplace_back(dep.str());
    locked.push_back(std::move(lp));
  }
  return locked;
}

// Appends the packages with depends_on resolved by normalised name. A name locked at several
// versions (poetry's per-marker alternatives) is ambiguous and left out.
void emit_packages(const CatalogFile& file, const std::vector<LockedPackage>& locked, CatalogResult& out) {
  std::unordered_map<std::string, const LockedPackage*> by_name;
  for (const LockedPackage& lp : locked) {
    auto [it, inserted] = by_name.emplace(normalize_python_name(lp.name), &lp);
    if (!inserted) it->second = nullptr;
  }
  for (const LockedPackage& lp : locked) {
    Package p;
    p.type = PackageType::kPypi;
    for (const std::string& dep : lp.dependencies) {
      auto it = by_name.find(normalize_python_name(dep));
      if (it != by_name.end() && it->second != nullptr)
        p.depends_on.push_back(package_key(PackageType::kPypi, "", it->second->name, it->second->version));
    }
    p.name = lp.name;
    p.version = lp.version;
    p.dev = lp.dev;
    p.cataloger = std::string(kRow);
    p.origin = PackageOrigin::kDeclared;
    p.path = std::string(file.path);
    out.packages.push_back(std::move(p));
  }
}

uint64_t poetry_wants(const FsEntry& entry) {
  return entry.type == EntryType::kFile && base_name(entry.path) == "poetry.lock" ? kMaxBytes : 0;
}

void poetry_parse(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated)
    add_diag(out, file, "python.truncated", "poetry.lock truncated: it cannot be read whole");
  try {
    toml::table doc = toml::parse(file.content, file.path);
    const toml::array* packages = doc.get_as<toml::array>("package");
    if (packages == nullptr) {
      // A project without dependencies has no [[package]]; a lock without [metadata] is not poetry's.
      if (doc.get_as<toml::table>("metadata") == nullptr)
        add_diag(out, file, "python.poetry-not-lock",
                 "no [[package]] or [metadata] table: not a poetry.lock");
      return;
    }
    std::vector<LockedPackage> locked = read_packages(file, *packages, out);
    emit_packages(file, locked, out);
  } catch (const toml::parse_error& e) {
    add_diag(out, file, "python.poetry-malformed", "malformed TOML: " + std::string(e.description()),
             static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column));
  } catch (const std::exception& e) {
    add_diag(out, file, "python.poetry-malformed", std::string("unreadable poetry.lock: ") + e.what());
  }
}

}  // namespace

Cataloger python_poetry_cataloger() { return {kRow, "python", 1, &poetry_wants, &poetry_parse}; }

}  // namespace customs
