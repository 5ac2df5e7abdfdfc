#include "report/spdx_writer.h"

#include <cctype>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "report/license_expression.h"
#include "report/sbom_common.h"

namespace customs {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kDocumentId = "SPDXRef-DOCUMENT";
constexpr const char* kTargetId = "SPDXRef-Target";
constexpr const char* kOsId = "SPDXRef-OperatingSystem";

std::string sanitize_id(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s)
    out += (std::isalnum(c) != 0 || c == '.' || c == '-') ? static_cast<char>(c) : '-';
  return out;
}

// Licences that are not SPDX: one LicenseRef per distinct name, numbered when two names
// sanitise to the same id.
class ExtractedLicenses {
 public:
  std::string ref_for(const std::string& name) {
    auto it = by_name_.find(name);
    if (it != by_name_.end()) return it->second;
    std::string base = license_ref_for_name(name), id = base;
    for (int n = 2; used_.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
    used_.insert(id);
    by_name_.emplace(name, id);
    order_.push_back(ojson{{"licenseId", id}, {"extractedText", name}, {"name", name}});
    return id;
  }
  const ojson& json() const { return order_; }

 private:
  std::map<std::string, std::string> by_name_;
  std::set<std::string> used_;
  ojson order_ = ojson::array();
};

// Several licences all apply: joined with AND.
std::string license_declared(const std::vector<std::string>& licenses, ExtractedLicenses& extracted) {
  std::vector<std::string> parts;
  for (const std::string& l : licenses) {
    if (trim(l).empty()) continue;
    ClassifiedLicense c = classify_license(l);
    parts.push_back(c.form == LicenseForm::kName ? extracted.ref_for(c.text) : c.text);
    // A compound expression is parenthesised even alone, so that a reader splitting the top-level
    // ANDs back into licences (src/sources/sbom) keeps it whole.
    if (c.form == LicenseForm::kExpression && contains(c.text, " ")) parts.back() = "(" + parts.back() + ")";
  }
  return parts.empty() ? "NOASSERTION" : join(parts, " AND ");
}

// "Organization: Debian X Maintainers" / "Person: Jane Doe (jane@example.org)": an e-mail
// address in angle brackets moves into parentheses; a name with an e-mail and no word that
// marks a group is a person.
std::string supplier_field(const std::string& supplier) {
  if (supplier.empty()) return "NOASSERTION";
  std::string text = supplier;
  size_t lt = text.rfind('<'), gt = text.rfind('>');
  bool email = lt != std::string::npos && gt != std::string::npos && lt < gt && text.find('@', lt) < gt;
  if (email) text = std::string(trim(text.substr(0, lt))) + " (" + text.substr(lt + 1, gt - lt - 1) + ")";
  static constexpr std::string_view kGroupWords[] = {"team",  "maintainers", "project",     "foundation",
                                                     "inc",   "ltd",         "llc",         "developers",
                                                     "group", "community",   "organization"};
  bool group = false;
  for (std::string_view w : kGroupWords) group = group || icontains(supplier, w);
  return (email && !group ? "Person: " : "Organization: ") + text;
}

std::string escape_comment_value(const std::string& v) {
  return replace_all(replace_all(v, "\\", "\\\\"), "\n", "\\n");
}

std::string customs_comment(const Package& p) {
  std::string out;
  for (const auto& [name, value] : customs_properties(p))
    out += name + "=" + escape_comment_value(value) + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

// "group:artifact" for Maven, "namespace/name" elsewhere ("@babel/core", "github.com/x/y").
std::string spdx_package_name(const Package& p) {
  if (p.namespace_.empty() || is_os_package(p.type)) return p.name;
  return p.namespace_ + (p.type == PackageType::kMaven ? ":" : "/") + p.name;
}

ojson package_json(const Package& p, const std::string& spdx_id, ExtractedLicenses& extracted) {
  ojson j;
  j["name"] = spdx_package_name(p);
  j["SPDXID"] = spdx_id;
  if (!p.version.empty()) j["versionInfo"] = p.version;
  j["supplier"] = supplier_field(p.supplier);
  j["downloadLocation"] = "NOASSERTION";
  j["filesAnalyzed"] = false;
  if (contains(p.homepage, "://")) j["homepage"] = p.homepage;
  if (!p.source_name.empty())
    j["sourceInfo"] = "built package from: " + p.source_name + " " +
                      (p.source_version.empty() ? p.version : p.source_version);
  j["licenseConcluded"] = "NOASSERTION";
  j["licenseDeclared"] = license_declared(p.licenses, extracted);
  j["copyrightText"] = "NOASSERTION";
  j["externalRefs"] = ojson::array({ojson{{"referenceCategory", "PACKAGE-MANAGER"},
                                          {"referenceType", "purl"},
                                          {"referenceLocator", sbom_purl(p)}}});
  std::string comment = customs_comment(p);
  if (!comment.empty()) j["comment"] = comment;
  j["primaryPackagePurpose"] = "LIBRARY";
  return j;
}

ojson subject_json(const std::string& id, const std::string& name, const std::string& version,
                   const char* purpose, const std::string& description) {
  ojson j;
  j["name"] = name;
  j["SPDXID"] = id;
  if (!version.empty()) j["versionInfo"] = version;
  j["downloadLocation"] = "NOASSERTION";
  j["filesAnalyzed"] = false;
  j["licenseConcluded"] = "NOASSERTION";
  j["licenseDeclared"] = "NOASSERTION";
  j["copyrightText"] = "NOASSERTION";
  if (!description.empty()) j["description"] = description;
  j["primaryPackagePurpose"] = purpose;
  return j;
}

ojson relationship(const std::string& from, const char* type, const std::string& to) {
  return ojson{{"spdxElementId", from}, {"relatedSpdxElement", to}, {"relationshipType", type}};
}

std::string default_namespace(const Inventory& inv, const std::string& uuid) {
  return "https://customs.invalid/spdx/" + sanitize_id(sbom_subject_name(inv)) + "-" + uuid;
}

}  // namespace

std::string write_spdx(const Inventory& inv, const SbomWriteOptions& opt) {
  std::string uuid = sbom_uuid(inv, opt);
  std::vector<std::string> refs = unique_package_refs(inv, {});
  ojson doc;
  doc["spdxVersion"] = "SPDX-2.3";
  doc["dataLicense"] = "CC0-1.0";
  doc["SPDXID"] = kDocumentId;
  doc["name"] = sbom_subject_name(inv);
  doc["documentNamespace"] =
      opt.document_namespace.empty() ? default_namespace(inv, uuid) : opt.document_namespace;
  doc["creationInfo"] = ojson{{"creators", ojson::array({"Tool: customs-" + sbom_tool_version(inv, opt)})},
                              {"created", sbom_timestamp(inv, opt)}};
  ojson packages = ojson::array(), relationships = ojson::array();
  bool image = inv.target_kind == "image";
  std::string digest = !inv.manifest_digest.empty() ? inv.manifest_digest : inv.config_digest;
  packages.push_back(
      subject_json(kTargetId, sbom_subject_name(inv), digest, image ? "CONTAINER" : "FILE", ""));
  relationships.push_back(relationship(kDocumentId, "DESCRIBES", kTargetId));
  if (inv.os && !inv.os->id.empty()) {
    packages.push_back(
        subject_json(kOsId, inv.os->id, inv.os->version_id, "OPERATING_SYSTEM", inv.os->pretty_name));
    relationships.push_back(relationship(kTargetId, "CONTAINS", kOsId));
  }
  std::set<std::string> used_ids{kDocumentId, kTargetId, kOsId};
  std::vector<std::string> ids;
  ExtractedLicenses extracted;
  for (size_t i = 0; i < inv.packages.size(); ++i) {
    std::string base = "SPDXRef-Package-" + sanitize_id(refs[i]), id = base;
    for (int n = 2; used_ids.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
    used_ids.insert(id);
    ids.push_back(id);
    packages.push_back(package_json(inv.packages[i], id, extracted));
    relationships.push_back(relationship(kTargetId, "CONTAINS", id));
  }
  std::vector<std::vector<size_t>> deps = resolve_dependencies(inv.packages);
  for (size_t i = 0; i < deps.size(); ++i)
    for (size_t d : deps[i]) relationships.push_back(relationship(ids[i], "DEPENDS_ON", ids[d]));
  doc["packages"] = std::move(packages);
  if (!extracted.json().empty()) doc["hasExtractedLicensingInfos"] = extracted.json();
  doc["relationships"] = std::move(relationships);
  std::string out = doc.dump(opt.pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace customs
