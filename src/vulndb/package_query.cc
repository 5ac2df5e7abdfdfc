#include "vulndb/package_query.h"

#include <algorithm>
#include <array>
#include <functional>

#include "core/strings.h"

namespace customs {

namespace {

std::string major_of(std::string_view v) { return std::string(v.substr(0, v.find('.'))); }

std::string major_minor_of(std::string_view v) {
  size_t first = v.find('.');
  if (first == std::string_view::npos) return std::string(v);
  return std::string(v.substr(0, v.find('.', first + 1)));
}

// The OSV ecosystems of a distribution release, by os-release ID.
struct DistroRow {
  std::string_view id;
  std::function<std::vector<std::string>(const OsInfo&)> ecosystems;
};

const std::array<DistroRow, 6>& distro_rows() {
  static const std::array<DistroRow, 6> rows = {{
      {"debian",
       [](const OsInfo& o) { return std::vector<std::string>{"Debian:" + major_of(o.version_id)}; }},
      {"ubuntu",
       [](const OsInfo& o) {
         return std::vector<std::string>{"Ubuntu:" + o.version_id, "Ubuntu:" + o.version_id + ":LTS",
                                         "Ubuntu:Pro:" + o.version_id + ":LTS"};
       }},
      {"alpine",
       [](const OsInfo& o) { return std::vector<std::string>{"Alpine:v" + major_minor_of(o.version_id)}; }},
      {"wolfi", [](const OsInfo&) { return std::vector<std::string>{"Wolfi"}; }},
      {"rocky",
       [](const OsInfo& o) { return std::vector<std::string>{"Rocky Linux:" + major_of(o.version_id)}; }},
      {"almalinux",
       [](const OsInfo& o) { return std::vector<std::string>{"AlmaLinux:" + major_of(o.version_id)}; }},
  }};
  return rows;
}

// Go toolchain versions as OSV writes them: "v1.21.3" -> "1.21.3", "v1.21" -> "1.21.0",
// "v1.21rc2" -> "1.21.0-rc.2".
std::string go_stdlib_version(std::string_view v) {
  if (v.starts_with("v")) v.remove_prefix(1);
  std::string out(v);
  for (std::string_view pre : {"rc", "beta"}) {
    size_t at = out.find(pre);
    if (at == std::string::npos) continue;
    std::string base = out.substr(0, at);
    std::string num = out.substr(at + pre.size());
    if (std::count(base.begin(), base.end(), '.') == 1) base += ".0";
    return base + "-" + std::string(pre) + "." + num;
  }
  if (std::count(out.begin(), out.end(), '.') == 1) out += ".0";
  return out;
}

std::optional<PackageQuery> os_query(const Package& p, const std::optional<OsInfo>& os, std::string* why) {
  if (!os || os->id.empty()) {
    *why = "the distribution is unknown (no os-release)";
    return std::nullopt;
  }
  for (const auto& row : distro_rows()) {
    if (row.id != os->id) continue;
    PackageQuery q{row.ecosystems(*os), p.source_name.empty() ? p.name : p.source_name,
                   p.source_version.empty() ? p.version : p.source_version};
    return q;
  }
  *why = "no advisories are known for distribution \"" + os->id + "\"";
  return std::nullopt;
}

// Language ecosystems: purl type -> OSV ecosystem.
struct LanguageRow {
  PackageType type;
  std::string_view ecosystem;
};
constexpr std::array<LanguageRow, 8> kLanguages = {{
    {PackageType::kNpm, "npm"},
    {PackageType::kPypi, "PyPI"},
    {PackageType::kMaven, "Maven"},
    {PackageType::kGolang, "Go"},
    {PackageType::kCargo, "crates.io"},
    {PackageType::kGem, "RubyGems"},
    {PackageType::kComposer, "Packagist"},
    {PackageType::kNuget, "NuGet"},
}};

std::string language_name(const Package& p) {
  if (p.namespace_.empty()) return p.name;
  if (p.type == PackageType::kMaven) return p.namespace_ + ":" + p.name;
  return p.namespace_ + "/" + p.name;
}

}  // namespace

std::optional<PackageQuery> query_for(const Package& p, const std::optional<OsInfo>& os, std::string* why) {
  if (is_os_package(p.type)) return os_query(p, os, why);
  for (const auto& row : kLanguages) {
    if (row.type != p.type) continue;
    PackageQuery q{{std::string(row.ecosystem)}, language_name(p), p.version};
    if (p.type == PackageType::kGolang) {
      q.version = p.name == "stdlib" && p.namespace_.empty()
                      ? go_stdlib_version(p.version)
                      : (p.version.starts_with("v") ? p.version.substr(1) : p.version);
    }
    return q;
  }
  *why = "no advisories are known for ecosystem " + std::string(purl_type(p.type));
  return std::nullopt;
}

}  // namespace customs
