#include "report/inventory_report.h"

#include "report/vuln_json.h"

#include <algorithm>

#include "report/json_util.h"
#include "report/terminal.h"

namespace customs {
namespace {

constexpr const char* kInventorySchema = "https://customs.dev/schemas/inventory/v1";

std::string display_name(const Package& p) {
  if (p.namespace_.empty()) return p.name;
  return p.namespace_ + (p.type == PackageType::kMaven ? ":" : "/") + p.name;
}

std::string os_text(const Inventory& inv) {
  if (!inv.os) return "unknown distribution";
  return inv.os->pretty_name.empty() ? inv.os->id + " " + inv.os->version_id : inv.os->pretty_name;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

std::string counts_text(const Inventory& inv) {
  std::string out;
  for (const auto& [type, count] : count_by_type(inv.packages))
    out += (out.empty() ? "" : ", ") + std::string(purl_type(type)) + " " + std::to_string(count);
  return out;
}

void table_section(std::string& out, const Inventory& inv, PackageType type, bool color) {
  std::vector<const Package*> rows;
  size_t name_w = 4, version_w = 7;
  for (const auto& p : inv.packages) {
    if (p.type != type) continue;
    rows.push_back(&p);
    name_w = std::max(name_w, std::min<size_t>(display_name(p).size(), 48));
    version_w = std::max(version_w, std::min<size_t>(p.version.size(), 32));
  }
  if (rows.empty()) return;
  out +=
      "\n" +
      styled(std::string(purl_type(type)) + " (" + std::to_string(rows.size()) + ")", Style::kBold, color) +
      "\n";
  bool layered = !inv.layers.empty();
  out += styled("  " + pad("NAME", name_w + 2) + pad("VERSION", version_w + 2) +
                    (layered ? pad("LAYER", 9) : "") + "LOCATION",
                Style::kDim, color) +
         "\n";
  for (const Package* p : rows) {
    std::string where = p->locations.empty() ? p->path : p->locations.front();
    if (p->locations.size() > 1) where += " (+" + std::to_string(p->locations.size() - 1) + " more)";
    if (!p->version_source.empty()) where += "  [version from " + p->version_source + "]";
    out += "  " + pad(printable(truncate_utf8(display_name(*p), 48)), name_w + 2) +
           pad(printable(truncate_utf8(p->version, 32)), version_w + 2) +
           (layered ? pad(layer_label(inv, *p), 9) : "") + printable(where) + "\n";
  }
}

ojson package_json(const Inventory& inv, const Package& p) {
  ojson j;
  j["ref"] = p.ref;
  j["purl"] = p.purl;
  j["type"] = purl_type(p.type);
  j["namespace"] = p.namespace_;
  j["name"] = p.name;
  j["version"] = p.version;
  j["arch"] = p.arch;
  j["source"] = ojson{{"name", p.source_name}, {"version", p.source_version}};
  j["licenses"] = p.licenses;
  j["supplier"] = p.supplier;
  j["homepage"] = p.homepage;
  j["cataloger"] = p.cataloger;
  j["origin"] = to_string(p.origin);
  j["version_source"] = p.version_source;
  j["path"] = p.path;
  j["locations"] = p.locations;
  if (inv.layers.empty())
    j["layer"] = nullptr;
  else
    j["layer"] = ojson{{"index", p.layer_index},
                       {"diff_id", p.layer_digest},
                       {"created_by", p.layer_created_by},
                       {"in_base_image", p.in_base_image}};
  j["os_owner"] = p.os_owner;
  j["depends_on"] = p.depends_on;
  j["files"] = p.files;
  return j;
}

ojson target_json(const Inventory& inv) {
  ojson t;
  t["reference"] = inv.target;
  t["kind"] = inv.target_kind;
  t["name"] = inv.name;
  t["manifest_digest"] = inv.manifest_digest;
  t["config_digest"] = inv.config_digest;
  t["architecture"] = inv.architecture;
  t["base_layers"] = inv.base_layers;
  return t;
}

ojson os_json(const Inventory& inv) {
  if (!inv.os) return nullptr;
  return ojson{{"id", inv.os->id},
               {"version_id", inv.os->version_id},
               {"codename", inv.os->codename},
               {"pretty_name", inv.os->pretty_name},
               {"source", inv.os->source}};
}

}  // namespace

std::string layer_label(const Inventory& inv, const Package& p) {
  if (inv.layers.empty()) return "";
  return (p.in_base_image ? "base " : "app ") + std::to_string(p.layer_index);
}

std::string render_inventory_table(const Inventory& inv, const Diagnostics& diagnostics, bool color) {
  std::string out = styled("Packages in " + printable(inv.target), Style::kBold, color) + "\n";
  out += "  " + os_text(inv) + ", " + std::to_string(inv.packages.size()) + " packages";
  if (!inv.packages.empty()) out += " (" + counts_text(inv) + ")";
  out += "\n";
  if (!inv.layers.empty())
    out += "  base image: " +
           (inv.base_layers == 0
                ? std::string("not known from the history (every layer is counted as the application's)")
                : "layers 0-" + std::to_string(inv.base_layers - 1)) +
           "\n";
  for (PackageType type : all_package_types()) table_section(out, inv, type, color);
  if (!inv.removed.empty())
    out += "\n" + std::to_string(inv.removed.size()) +
           " packages were added by a layer and removed by a later one (listed in the JSON output)\n";
  if (!diagnostics.empty()) {
    out += "\n" +
           styled("Diagnostics (" + std::to_string(diagnostics.items().size()) + ")", Style::kBold, color) +
           "\n";
    for (const auto& d : diagnostics.items())
      out += "  " + std::string(to_string(d.level)) + " " + d.code + ": " + printable(d.where.to_string()) +
             (d.where.path.empty() || d.where.path == d.where.file ? "" : " " + printable(d.where.path)) +
             ": " + printable(d.message) + "\n";
  }
  return out;
}

std::string render_inventory_json(const Inventory& inv, const Diagnostics& diagnostics,
                                  const VulnSection* vulns) {
  ojson j;
  j["$schema"] = kInventorySchema;
  j["tool"] = ojson{{"name", "customs"}, {"version", inv.tool_version}};
  j["target"] = target_json(inv);
  j["os"] = os_json(inv);
  j["layers"] = ojson::array();
  for (const auto& l : inv.layers)
    j["layers"].push_back(ojson{{"index", l.index},
                                {"diff_id", l.diff_id},
                                {"digest", l.blob_digest},
                                {"created_by", l.created_by},
                                {"in_base_image", l.in_base_image}});
  ojson counts = ojson::object();
  for (const auto& [type, count] : count_by_type(inv.packages)) counts[std::string(purl_type(type))] = count;
  j["counts"] = counts;
  j["packages"] = ojson::array();
  for (const auto& p : inv.packages) j["packages"].push_back(package_json(inv, p));
  j["removed"] = ojson::array();
  for (const auto& p : inv.removed) j["removed"].push_back(package_json(inv, p));
  if (vulns != nullptr) {
    j["vulnerability_scan"] = vuln_scan_json(*vulns);
    j["vulnerabilities"] = vulnerabilities_json(*vulns);
  }
  j["diagnostics"] = ojson::array();
  for (const auto& d : diagnostics.items()) j["diagnostics"].push_back(diagnostic_json(d));
  return j.dump(2) + "\n";
}

}  // namespace customs
