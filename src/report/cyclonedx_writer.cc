#include "report/cyclonedx_writer.h"

#include <map>

#include "report/cyclonedx_vulns.h"

#include <nlohmann/json.hpp>

#include "report/license_expression.h"
#include "report/sbom_common.h"

namespace customs {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kTargetRef = "customs-target";
constexpr const char* kOsRef = "customs-os";

void add_property(ojson& props, const std::string& name, const std::string& value) {
  if (!value.empty()) props.push_back(ojson{{"name", name}, {"value", value}});
}

bool has_os(const Inventory& inv) { return inv.os && !inv.os->id.empty(); }

ojson target_component(const Inventory& inv) {
  ojson c;
  c["bom-ref"] = kTargetRef;
  c["type"] = inv.target_kind == "image" ? "container" : "file";
  c["name"] = sbom_subject_name(inv);
  std::string version = !inv.manifest_digest.empty() ? inv.manifest_digest : inv.config_digest;
  if (!version.empty()) c["version"] = version;
  ojson props = ojson::array();
  add_property(props, "customs:target", inv.target);
  add_property(props, "customs:target:kind", inv.target_kind);
  add_property(props, "customs:image:config_digest", inv.config_digest);
  add_property(props, "customs:image:architecture", inv.architecture);
  add_property(props, "customs:image:base_image", inv.base_image);
  if (inv.os) {
    add_property(props, "customs:os:id", inv.os->id);
    add_property(props, "customs:os:version_id", inv.os->version_id);
  }
  if (!props.empty()) c["properties"] = std::move(props);
  return c;
}

ojson os_component(const OsInfo& os) {
  ojson c;
  c["bom-ref"] = kOsRef;
  c["type"] = "operating-system";
  c["name"] = os.id;
  if (!os.version_id.empty()) c["version"] = os.version_id;
  if (!os.pretty_name.empty()) c["description"] = os.pretty_name;
  ojson props = ojson::array();
  add_property(props, "customs:os:codename", os.codename);
  add_property(props, "customs:os:id_like", os.id_like);
  add_property(props, "customs:os:source", os.source);
  if (!props.empty()) c["properties"] = std::move(props);
  return c;
}

// A licence list is either named/id licences or exactly one expression (licenseChoice). Several
// licences one of which is an expression become one expression joined with AND when every part is
// valid SPDX, else every one is written as a name.
ojson licenses_json(const std::vector<std::string>& licenses) {
  std::vector<ClassifiedLicense> parts;
  bool any_expression = false, any_name = false;
  for (const std::string& l : licenses) {
    if (l.empty()) continue;
    parts.push_back(classify_license(l));
    any_expression = any_expression || parts.back().form == LicenseForm::kExpression;
    any_name = any_name || parts.back().form == LicenseForm::kName;
  }
  ojson out = ojson::array();
  if (any_expression && !any_name) {
    std::string expr;
    for (const auto& p : parts)
      expr += (expr.empty() ? "" : " AND ") + (parts.size() > 1 ? "(" + p.text + ")" : p.text);
    out.push_back(ojson{{"expression", expr}});
    return out;
  }
  for (const auto& p : parts) {
    out.push_back(ojson{{"license", ojson{{p.form == LicenseForm::kId ? "id" : "name", p.text}}}});
  }
  return out;
}

// Maven groupId, npm scope and Composer vendor go to "group"; a Go module keeps its whole path
// as the name, as Go writes it.
void identity_json(ojson& c, const Package& p) {
  bool grouped =
      p.type == PackageType::kMaven || p.type == PackageType::kNpm || p.type == PackageType::kComposer;
  if (grouped && !p.namespace_.empty()) c["group"] = p.namespace_;
  c["name"] = p.type == PackageType::kGolang && !p.namespace_.empty() ? p.namespace_ + "/" + p.name : p.name;
  if (!p.version.empty()) c["version"] = p.version;
}

ojson package_component(const Package& p, const std::string& ref) {
  ojson c;
  c["bom-ref"] = ref;
  c["type"] = "library";
  if (!p.supplier.empty()) c["supplier"] = ojson{{"name", p.supplier}};
  identity_json(c, p);
  ojson licenses = licenses_json(p.licenses);
  if (!licenses.empty()) c["licenses"] = std::move(licenses);
  c["purl"] = sbom_purl(p);
  if (!p.homepage.empty())
    c["externalReferences"] = ojson::array({ojson{{"type", "website"}, {"url", p.homepage}}});
  std::vector<std::string> paths = package_paths(p);
  if (!paths.empty()) {
    ojson occurrences = ojson::array();
    for (const std::string& path : paths) occurrences.push_back(ojson{{"location", path}});
    c["evidence"] = ojson{{"occurrences", std::move(occurrences)}};
  }
  ojson props = ojson::array();
  for (const auto& [name, value] : customs_properties(p)) add_property(props, name, value);
  if (!props.empty()) c["properties"] = std::move(props);
  return c;
}

// root -> the OS component and every package that no other package depends on (OS packages hang
// below the OS component instead); OS -> its packages; package -> what depends_on resolves to.
ojson dependencies_json(const Inventory& inv, const std::vector<std::string>& refs) {
  std::vector<std::vector<size_t>> deps = resolve_dependencies(inv.packages);
  std::vector<bool> depended_on(inv.packages.size(), false);
  for (const auto& d : deps)
    for (size_t i : d) depended_on[i] = true;
  ojson root = ojson::array(), os = ojson::array();
  if (has_os(inv)) root.push_back(kOsRef);
  for (size_t i = 0; i < inv.packages.size(); ++i) {
    if (has_os(inv) && is_os_package(inv.packages[i].type))
      os.push_back(refs[i]);
    else if (!depended_on[i])
      root.push_back(refs[i]);
  }
  ojson out = ojson::array();
  out.push_back(ojson{{"ref", kTargetRef}, {"dependsOn", std::move(root)}});
  if (has_os(inv)) out.push_back(ojson{{"ref", kOsRef}, {"dependsOn", std::move(os)}});
  for (size_t i = 0; i < inv.packages.size(); ++i) {
    if (deps[i].empty()) continue;
    ojson on = ojson::array();
    for (size_t d : deps[i]) on.push_back(refs[d]);
    out.push_back(ojson{{"ref", refs[i]}, {"dependsOn", std::move(on)}});
  }
  return out;
}

ojson metadata_json(const Inventory& inv, const SbomWriteOptions& opt) {
  ojson tool{{"type", "application"}, {"name", "customs"}, {"version", sbom_tool_version(inv, opt)}};
  ojson m;
  m["timestamp"] = sbom_timestamp(inv, opt);
  m["tools"] = ojson{{"components", ojson::array({tool})}};
  m["component"] = target_component(inv);
  return m;
}

}  // namespace

std::string write_cyclonedx(const Inventory& inv, const SbomWriteOptions& opt) {
  std::vector<std::string> refs = unique_package_refs(inv, {kTargetRef, kOsRef});
  ojson bom;
  bom["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json";
  bom["bomFormat"] = "CycloneDX";
  bom["specVersion"] = "1.6";
  bom["serialNumber"] = "urn:uuid:" + sbom_uuid(inv, opt);
  bom["version"] = 1;
  bom["metadata"] = metadata_json(inv, opt);
  ojson components = ojson::array();
  if (has_os(inv)) components.push_back(os_component(*inv.os));
  for (size_t i = 0; i < inv.packages.size(); ++i)
    components.push_back(package_component(inv.packages[i], refs[i]));
  bom["components"] = std::move(components);
  bom["dependencies"] = dependencies_json(inv, refs);
  if (opt.vulns != nullptr && opt.vulns->scanned) {
    std::map<std::string, std::string> ref_of;
    for (size_t i = 0; i < inv.packages.size(); ++i) ref_of.emplace(inv.packages[i].ref, refs[i]);
    bom["vulnerabilities"] = cyclonedx_vulnerabilities(*opt.vulns, ref_of);
  }
  std::string out = bom.dump(opt.pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace customs
