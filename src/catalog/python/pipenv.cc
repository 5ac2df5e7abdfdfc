// "python-pipenv": Pipfile.lock, JSON with the locked distributions in "default" (shipped) and
// "develop" (development-only) maps of name -> {"version": "==1.2.3", "hashes": [...], ...}.
// Entries without a version (editable paths, VCS checkouts) lock no version and are not packages.
// The lock states no dependency graph, so depends_on stays empty.
#include <unordered_set>

#include "catalog/python/python.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::string_view kRow = "python-pipenv";
constexpr uint64_t kMaxBytes = uint64_t{64} << 20;

// Adds the entries of one section; `shipped` holds the normalised names of "default", which win
// over the same names in "develop".
void read_section(const CatalogFile& file, const nlohmann::json& doc, std::string_view section, bool dev,
                  std::unordered_set<std::string>& shipped, CatalogResult& out) {
  auto it = doc.find(section);
  if (it == doc.end() || it->is_null()) return;
  if (!it->is_object()) {
    add_diag(out, file, "python.pipenv-bad-section", "\"" + std::string(section) + "\" is not an object");
    return;
  }
  for (const auto& [name, entry] : it->items()) {
    if (!entry.is_object()) {
      add_diag(out, file, "python.pipenv-bad-entry",
               "entry '" + name + "' in \"" + std::string(section) + "\" is not an object");
      continue;
    }
    std::string version = json_string(entry, "version");
    if (!starts_with(version, "==")) continue;  // editable, path or VCS entries
    version = std::string(trim(std::string_view(version).substr(starts_with(version, "===") ? 3 : 2)));
    if (version.empty()) continue;
    std::string norm = normalize_python_name(name);
    if (dev ? shipped.count(norm) != 0 : !shipped.insert(norm).second) continue;
    Package p;
    p.type = PackageType::kPypi;
    p.name = name;
    p.version = std::move(version);
    p.dev = dev;
    p.cataloger = std::string(kRow);
    p.origin = PackageOrigin::kDeclared;
    p.path = std::string(file.path);
    out.packages.push_back(std::move(p));
  }
}

uint64_t pipenv_wants(const FsEntry& entry) {
  return entry.type == EntryType::kFile && base_name(entry.path) == "Pipfile.lock" ? kMaxBytes : 0;
}

void pipenv_parse(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated)
    add_diag(out, file, "python.truncated", "Pipfile.lock truncated: it cannot be read whole");
  auto doc = parse_json_bytes(file.content, file.path);
  if (!doc.ok()) {
    add_diag(out, file, "python.pipenv-malformed", doc.error().message, doc.error().where.line,
             doc.error().where.column);
    return;
  }
  if (!doc->is_object() || (!doc->contains("default") && !doc->contains("develop"))) {
    add_diag(out, file, "python.pipenv-not-lock", "no \"default\" or \"develop\" map: not a Pipfile.lock");
    return;
  }
  std::unordered_set<std::string> shipped;
  read_section(file, *doc, "default", false, shipped, out);
  read_section(file, *doc, "develop", true, shipped, out);
}

}  // namespace

Cataloger python_pipenv_cataloger() { return {kRow, "python", 1, &pipenv_wants, &pipenv_parse}; }

}  // namespace customs
