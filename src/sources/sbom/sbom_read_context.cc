#include "sources/sbom/sbom_read_context.h"

#include <algorithm>
#include <charconv>

#include "core/strings.h"

namespace customs::sbom {
namespace {

using Setter = void (*)(Package&, const std::string&);

struct PropertyRow {
  std::string_view name;
  Setter set;
};

// The customs:* properties write_cyclonedx / write_spdx emit (report/sbom_common.cc), then the
// Trivy and Syft properties that carry the same facts.
constexpr PropertyRow kProperties[] = {
    {"customs:cataloger", [](Package& p, const std::string& v) { p.cataloger = v; }},
    {"customs:origin",
     [](Package& p, const std::string& v) {
       if (v == "declared") p.origin = PackageOrigin::kDeclared;
       if (v == "binary") p.origin = PackageOrigin::kBinary;
     }},
    {"customs:dev", [](Package& p, const std::string& v) { p.dev = v == "true"; }},
    {"customs:path", [](Package& p, const std::string& v) { p.locations.push_back(v); }},
    {"customs:layer:index",
     [](Package& p, const std::string& v) { std::from_chars(v.data(), v.data() + v.size(), p.layer_index); }},
    {"customs:layer:diff_id", [](Package& p, const std::string& v) { p.layer_digest = v; }},
    {"customs:layer:created_by", [](Package& p, const std::string& v) { p.layer_created_by = v; }},
    {"customs:in_base_image", [](Package& p, const std::string& v) { p.in_base_image = v == "true"; }},
    {"customs:source_name", [](Package& p, const std::string& v) { p.source_name = v; }},
    {"customs:source_version", [](Package& p, const std::string& v) { p.source_version = v; }},
    {"customs:os_owner", [](Package& p, const std::string& v) { p.os_owner = v; }},
    {"customs:version_source", [](Package& p, const std::string& v) { p.version_source = v; }},
    {"aquasecurity:trivy:SrcName", [](Package& p, const std::string& v) { p.source_name = v; }},
    {"aquasecurity:trivy:SrcVersion", [](Package& p, const std::string& v) { p.source_version = v; }},
    {"aquasecurity:trivy:LayerDiffID", [](Package& p, const std::string& v) { p.layer_digest = v; }},
    {"aquasecurity:trivy:FilePath", [](Package& p, const std::string& v) { p.locations.push_back(v); }},
    {"syft:package:foundBy", [](Package& p, const std::string& v) { p.cataloger = v; }},
};

std::string qualifier(const PackageUrl& purl, std::string_view key) {
  for (const auto& [k, v] : purl.qualifiers)
    if (k == key) return v;
  return "";
}

}  // namespace

const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string string_member(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

const json* array_member(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  return v != nullptr && v->is_array() ? v : nullptr;
}

std::optional<Package> ReadContext::package_from_purl(std::string_view text, std::string_view name_hint) {
  Result<PackageUrl> purl = parse_purl(text);
  if (!purl.ok()) {
    if (bad_purls_++ == 0) first_bad_purl_ = purl.error().message;
    return std::nullopt;
  }
  std::optional<PackageType> type = package_type_from_purl_type(purl->type);
  if (!type) {
    ++unknown_types_[purl->type];
    return std::nullopt;
  }
  Package p;
  p.type = *type;
  p.namespace_ = is_os_package(*type) ? "" : purl->namespace_;  // OS: the purl's is the vendor
  p.name = purl->name;
  if (*type == PackageType::kPypi && !name_hint.empty() &&
      normalize_python_name(name_hint) == normalize_python_name(p.name))
    p.name = std::string(name_hint);
  p.version = purl->version;
  std::string epoch = qualifier(*purl, "epoch");
  if (!epoch.empty() && epoch != "0" && p.version.find(':') == std::string::npos)
    p.version = epoch + ":" + p.version;
  if (is_os_package(*type)) p.arch = qualifier(*purl, "arch");
  p.purl = to_string(*purl);
  return p;
}

void ReadContext::duplicate_ref(const std::string& ref) {
  warn("sbom.duplicate-ref",
       "the reference '" + ref.substr(0, 200) + "' names two elements; the second was renamed");
}

void ReadContext::warn(std::string code, std::string message) {
  if (diags_ != nullptr) diags_->warning(std::move(code), std::move(message), Location{path_});
}

bool ReadContext::apply_property(Package& p, std::string_view name, const std::string& value) {
  for (const PropertyRow& row : kProperties) {
    if (row.name == name) {
      row.set(p, value);
      return true;
    }
  }
  // Syft: "syft:location:0:path".
  if (name.substr(0, 14) == "syft:location:" && name.size() > 19 && name.substr(name.size() - 5) == ":path") {
    p.locations.push_back(value);
    return true;
  }
  return false;
}

void ReadContext::finish(Package& p, std::string_view default_cataloger) const {
  for (std::string& l : p.locations)
    if (!l.empty() && l.front() == '/') l.erase(0, l.find_first_not_of('/'));
  p.path = p.locations.empty() ? path_ : p.locations.front();
  if (p.source_version == p.version) p.source_version.clear();
  if (p.cataloger.empty()) p.cataloger = default_cataloger;
}

void ReadContext::finish(Inventory& inv) {
  inv.target = path_;
  inv.target_kind = "sbom";
  std::stable_sort(inv.packages.begin(), inv.packages.end(), [](const Package& a, const Package& b) {
    return std::tie(a.type, a.name, a.version, a.path) < std::tie(b.type, b.name, b.version, b.path);
  });
  for (const auto& [type, count] : unknown_types_)
    warn("sbom.unknown-purl-type", "skipped " + std::to_string(count) + " package(s) of purl type '" +
                                       type.substr(0, 50) + "' (not an ecosystem customs knows)");
  if (without_purl_ > 0)
    warn("sbom.no-purl", "skipped " + std::to_string(without_purl_) + " package(s) without a package URL");
  if (bad_purls_ > 0)
    warn("sbom.bad-purl", "skipped " + std::to_string(bad_purls_) +
                              " package(s) with an invalid package URL (first: " + first_bad_purl_ + ")");
}

}  // namespace customs::sbom
