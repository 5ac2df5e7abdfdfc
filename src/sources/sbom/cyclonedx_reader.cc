// CycloneDX JSON (1.2-1.6) into an Inventory: components (nested ones too) with purls become
// packages, the operating-system component the OS, metadata.component the target's name and
// digest, "dependencies" the depends_on lists.
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/strings.h"
#include "sources/sbom/sbom_read_context.h"

namespace customs::sbom {
namespace {

constexpr size_t kMaxComponentDepth = 64;

void read_licenses(const json& component, Package& p) {
  const json* licenses = array_member(component, "licenses");
  if (licenses == nullptr) return;
  for (const json& choice : *licenses) {
    std::string expression = string_member(choice, "expression");
    if (!expression.empty()) {
      p.licenses.push_back(expression);
      continue;
    }
    const json* license = member(choice, "license");
    if (license == nullptr) continue;
    std::string id = string_member(*license, "id");
    std::string text = id.empty() ? string_member(*license, "name") : id;
    if (!text.empty()) p.licenses.push_back(text);
  }
}

// supplier.name, else the 1.6 authors[0].name, else the older author string.
std::string read_supplier(const json& component) {
  if (const json* supplier = member(component, "supplier")) {
    std::string name = string_member(*supplier, "name");
    if (!name.empty()) return name;
  }
  if (const json* authors = array_member(component, "authors"); authors != nullptr && !authors->empty()) {
    std::string name = string_member((*authors)[0], "name");
    if (!name.empty()) return name;
  }
  return string_member(component, "author");
}

std::string read_website(const json& component) {
  const json* refs = array_member(component, "externalReferences");
  if (refs == nullptr) return "";
  for (const json& ref : *refs)
    if (string_member(ref, "type") == "website") return string_member(ref, "url");
  return "";
}

void read_properties(const json& component, Package& p) {
  const json* props = array_member(component, "properties");
  if (props == nullptr) return;
  for (const json& prop : *props)
    ReadContext::apply_property(p, string_member(prop, "name"), string_member(prop, "value"));
}

// evidence.occurrences[].location (1.6), when no property named the paths.
void read_occurrences(const json& component, Package& p) {
  if (!p.locations.empty()) return;
  const json* evidence = member(component, "evidence");
  const json* occurrences = evidence != nullptr ? array_member(*evidence, "occurrences") : nullptr;
  if (occurrences == nullptr) return;
  for (const json& o : *occurrences) {
    std::string location = string_member(o, "location");
    if (!location.empty()) p.locations.push_back(location);
  }
}

void read_os(const json& component, Inventory& inv) {
  if (inv.os) return;
  OsInfo os;
  os.id = to_lower(string_member(component, "name"));
  os.version_id = string_member(component, "version");
  os.pretty_name = string_member(component, "description");
  if (const json* props = array_member(component, "properties")) {
    for (const json& prop : *props) {
      std::string name = string_member(prop, "name"), value = string_member(prop, "value");
      if (name == "customs:os:codename") os.codename = value;
      if (name == "customs:os:id_like") os.id_like = value;
      if (name == "customs:os:source") os.source = value;
    }
  }
  if (!os.id.empty()) inv.os = std::move(os);
}

void read_target(const json& metadata, Inventory& inv) {
  inv.timestamp = string_member(metadata, "timestamp");
  const json* component = member(metadata, "component");
  if (component == nullptr) return;
  inv.name = string_member(*component, "name");
  std::string version = string_member(*component, "version");
  if (version.substr(0, 7) == "sha256:") inv.manifest_digest = version;
  if (const json* props = array_member(*component, "properties")) {
    for (const json& prop : *props) {
      std::string name = string_member(prop, "name"), value = string_member(prop, "value");
      if (name == "customs:image:config_digest") inv.config_digest = value;
      if (name == "customs:image:architecture") inv.architecture = value;
      if (name == "customs:image:base_image") inv.base_image = value;
    }
  }
}

class ComponentWalker {
 public:
  ComponentWalker(ReadContext& ctx, Inventory& inv) : ctx_(ctx), inv_(inv) {}

  void walk(const json& components, size_t depth) {
    if (!components.is_array()) return;
    if (depth > kMaxComponentDepth) {
      ctx_.warn("sbom.too-deep", "components nested deeper than " + std::to_string(kMaxComponentDepth) +
                                     " levels were skipped");
      return;
    }
    for (const json& c : components) {
      read_component(c);
      if (const json* nested = array_member(c, "components")) walk(*nested, depth + 1);
    }
  }

  // bom-ref -> package index, for the dependency graph.
  const std::unordered_map<std::string, size_t>& refs() const { return refs_; }

 private:
  void read_component(const json& c) {
    if (!c.is_object()) return;
    std::string type = string_member(c, "type");
    if (type == "operating-system") return read_os(c, inv_);
    std::string purl = string_member(c, "purl");
    if (purl.empty()) {
      if (type != "file") ctx_.skipped_without_purl();  // Syft lists files as components: not packages
      return;
    }
    std::optional<Package> p = ctx_.package_from_purl(purl, string_member(c, "name"));
    if (!p) return;
    read_licenses(c, *p);
    p->supplier = read_supplier(c);
    p->homepage = read_website(c);
    read_properties(c, *p);
    read_occurrences(c, *p);
    ctx_.finish(*p, "sbom-cyclonedx");
    std::string ref = string_member(c, "bom-ref");
    if (ref.empty()) ref = p->purl;
    if (!refs_.emplace(ref, inv_.packages.size()).second) {
      ctx_.duplicate_ref(ref);
      std::string base = ref;
      for (int n = 2; refs_.count(ref) != 0; ++n) ref = base + "-" + std::to_string(n);
      refs_.emplace(ref, inv_.packages.size());
    }
    p->ref = ref;
    inv_.packages.push_back(std::move(*p));
  }

  ReadContext& ctx_;
  Inventory& inv_;
  std::unordered_map<std::string, size_t> refs_;
};

void read_dependencies(const json& doc, const std::unordered_map<std::string, size_t>& refs, Inventory& inv) {
  const json* deps = array_member(doc, "dependencies");
  if (deps == nullptr) return;
  std::vector<std::unordered_set<std::string>> seen(inv.packages.size());  // per package, across entries
  for (const json& d : *deps) {
    auto from = refs.find(string_member(d, "ref"));
    const json* on = array_member(d, "dependsOn");
    if (from == refs.end() || on == nullptr) continue;
    Package& p = inv.packages[from->second];
    for (const json& target : *on) {
      auto to = target.is_string() ? refs.find(target.get<std::string>()) : refs.end();
      if (to == refs.end() || to->second == from->second) continue;
      std::string key = package_key(inv.packages[to->second]);
      if (seen[from->second].insert(key).second) p.depends_on.push_back(std::move(key));
    }
  }
}

}  // namespace

Inventory read_cyclonedx(const json& doc, ReadContext& ctx) {
  Inventory inv;
  if (const json* metadata = member(doc, "metadata")) read_target(*metadata, inv);
  ComponentWalker walker(ctx, inv);
  if (const json* components = array_member(doc, "components")) walker.walk(*components, 0);
  read_dependencies(doc, walker.refs(), inv);
  ctx.finish(inv);
  return inv;
}

}  // namespace customs::sbom
