// SPDX JSON (2.2, 2.3) into an Inventory: packages with a purl externalRef become packages, the
// described package gives the target's name and digest, an OPERATING_SYSTEM package the OS,
// DEPENDS_ON / DEPENDENCY_OF relationships the depends_on lists.
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/strings.h"
#include "sources/sbom/sbom_read_context.h"

namespace customs::sbom {
namespace {

bool no_assertion(std::string_view s) { return s.empty() || s == "NOASSERTION" || s == "NONE"; }

std::string find_purl(const json& pkg) {
  const json* refs = array_member(pkg, "externalRefs");
  if (refs == nullptr) return "";
  for (const json& ref : *refs) {
    std::string category = string_member(ref, "referenceCategory");
    if (string_member(ref, "referenceType") == "purl" &&
        (category == "PACKAGE-MANAGER" || category == "PACKAGE_MANAGER"))
      return string_member(ref, "referenceLocator");
  }
  return "";
}

// True when `s` is one parenthesised group: "(A OR B)", not "(A) OR (B)".
bool enclosed(std::string_view s) {
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
    if (depth == 0 && i + 1 < s.size()) return false;
  }
  return true;
}

// Splits "A AND (B OR C)" into its top-level AND operands (not when an OR is at the top level,
// which binds looser), drops the parentheses around an operand, and maps LicenseRef-x back to the
// name hasExtractedLicensingInfos gives it. write_spdx parenthesises a compound licence, so what
// it wrote reads back licence by licence.
std::vector<std::string> split_licenses(std::string_view expr,
                                        const std::unordered_map<std::string, std::string>& refs) {
  std::vector<std::pair<size_t, size_t>> cuts;  // [begin, end) of each operand
  int depth = 0;
  bool top_or = false;
  size_t start = 0;
  for (size_t i = 0; i < expr.size(); ++i) {
    depth += expr[i] == '(' ? 1 : expr[i] == ')' ? -1 : 0;
    if (depth != 0 || expr[i] != ' ') continue;
    if (expr.substr(i, 5) == " AND ") {
      cuts.emplace_back(start, i);
      start = i + 5;
    } else if (expr.substr(i, 4) == " OR ") {
      top_or = true;
    }
  }
  cuts.emplace_back(start, expr.size());
  if (top_or) cuts = {{0, expr.size()}};
  std::vector<std::string> parts;
  for (auto [b, e] : cuts) {
    std::string_view part = trim(expr.substr(b, e - b));
    if (enclosed(part)) part = trim(part.substr(1, part.size() - 2));
    if (part.empty()) continue;
    auto it = refs.find(std::string(part));
    parts.push_back(it != refs.end() ? it->second : std::string(part));
  }
  return parts;
}

// "Organization: X" -> "X"; "Person: Jane (jane@example.org)" -> "Jane <jane@example.org>".
std::string read_supplier(std::string s) {
  if (no_assertion(s)) return "";
  for (std::string_view prefix : {"Organization:", "Person:", "Tool:"})
    if (s.compare(0, prefix.size(), prefix) == 0)
      s = std::string(trim(std::string_view(s).substr(prefix.size())));
  size_t open = s.rfind(" (");
  if (open != std::string::npos && s.back() == ')' && s.find('@', open) != std::string::npos)
    s = s.substr(0, open) + " <" + s.substr(open + 2, s.size() - open - 3) + ">";
  return s;
}

// "built package from: openssl 3.0.11-1~deb12u2" (customs and Trivy).
void read_source_info(const std::string& info, Package& p) {
  constexpr std::string_view kPrefix = "built package from:";
  if (info.compare(0, kPrefix.size(), kPrefix) != 0) return;
  std::vector<std::string> words = split_whitespace(std::string_view(info).substr(kPrefix.size()));
  if (!words.empty()) p.source_name = words[0];
  if (words.size() > 1) p.source_version = words[1];
}

std::string unescape(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      out += v[i + 1] == 'n' ? '\n' : v[i + 1];
      ++i;
    } else {
      out += v[i];
    }
  }
  return out;
}

// The customs:* facts, one "name=value" line each.
void read_comment(const std::string& comment, Package& p) {
  for (const std::string& line : split(comment, '\n')) {
    size_t eq = line.find('=');
    if (line.compare(0, 8, "customs:") != 0 || eq == std::string::npos) continue;
    ReadContext::apply_property(p, std::string_view(line).substr(0, eq),
                                unescape(std::string_view(line).substr(eq + 1)));
  }
}

struct SpdxDocument {
  std::unordered_map<std::string, std::string> extracted;  // LicenseRef id -> licence name
  std::unordered_set<std::string> described;
  std::unordered_map<std::string, size_t> ids;  // SPDXID -> package index
};

void read_relationship_index(const json& doc, SpdxDocument& d) {
  if (const json* infos = array_member(doc, "hasExtractedLicensingInfos")) {
    for (const json& info : *infos) {
      std::string name = string_member(info, "name");
      d.extracted[string_member(info, "licenseId")] =
          name.empty() ? string_member(info, "extractedText") : name;
    }
  }
  if (const json* describes = array_member(doc, "documentDescribes"))
    for (const json& id : *describes)
      if (id.is_string()) d.described.insert(id.get<std::string>());
  if (const json* rels = array_member(doc, "relationships")) {
    for (const json& r : *rels) {
      std::string type = string_member(r, "relationshipType");
      std::string from = string_member(r, "spdxElementId"), to = string_member(r, "relatedSpdxElement");
      if (type == "DESCRIBES" && from == "SPDXRef-DOCUMENT") d.described.insert(to);
      if (type == "DESCRIBED_BY" && to == "SPDXRef-DOCUMENT") d.described.insert(from);
    }
  }
}

void read_subject(const json& pkg, Inventory& inv) {
  std::string purpose = string_member(pkg, "primaryPackagePurpose");
  if (purpose == "OPERATING_SYSTEM" || purpose == "OPERATING-SYSTEM") {
    if (inv.os) return;
    OsInfo os;
    os.id = to_lower(string_member(pkg, "name"));
    os.version_id = string_member(pkg, "versionInfo");
    os.pretty_name = string_member(pkg, "description");
    if (!os.id.empty()) inv.os = std::move(os);
    return;
  }
  std::string version = string_member(pkg, "versionInfo");
  if (version.substr(0, 7) == "sha256:") inv.manifest_digest = version;
}

void read_package(const json& pkg, ReadContext& ctx, SpdxDocument& d, Inventory& inv) {
  std::string purl = find_purl(pkg);
  if (purl.empty()) return ctx.skipped_without_purl();
  std::string name = string_member(pkg, "name");
  std::optional<Package> p = ctx.package_from_purl(purl, name.substr(name.rfind('/') + 1));
  if (!p) return;
  std::string declared = string_member(pkg, "licenseDeclared");
  if (no_assertion(declared)) declared = string_member(pkg, "licenseConcluded");
  if (!no_assertion(declared)) p->licenses = split_licenses(declared, d.extracted);
  p->supplier = read_supplier(string_member(pkg, "supplier"));
  std::string homepage = string_member(pkg, "homepage");
  if (!no_assertion(homepage)) p->homepage = homepage;
  read_source_info(string_member(pkg, "sourceInfo"), *p);
  read_comment(string_member(pkg, "comment"), *p);
  ctx.finish(*p, "sbom-spdx");
  p->ref = string_member(pkg, "SPDXID");
  if (p->ref.empty() || !d.ids.emplace(p->ref, inv.packages.size()).second) {
    if (!p->ref.empty()) ctx.duplicate_ref(p->ref);
    p->ref = "SPDXRef-customs-" + std::to_string(inv.packages.size());
  }
  inv.packages.push_back(std::move(*p));
}

void read_dependencies(const json& doc, const SpdxDocument& d, Inventory& inv) {
  const json* rels = array_member(doc, "relationships");
  if (rels == nullptr) return;
  std::vector<std::unordered_set<std::string>> seen(inv.packages.size());
  for (const json& r : *rels) {
    std::string type = string_member(r, "relationshipType");
    bool forward = type == "DEPENDS_ON";
    if (!forward && type != "DEPENDENCY_OF") continue;
    auto a = d.ids.find(string_member(r, "spdxElementId"));
    auto b = d.ids.find(string_member(r, "relatedSpdxElement"));
    if (a == d.ids.end() || b == d.ids.end() || a->second == b->second) continue;
    size_t from = forward ? a->second : b->second, to = forward ? b->second : a->second;
    std::string key = package_key(inv.packages[to]);
    if (seen[from].insert(key).second) inv.packages[from].depends_on.push_back(std::move(key));
  }
}

}  // namespace

Inventory read_spdx(const json& doc, ReadContext& ctx) {
  Inventory inv;
  inv.name = string_member(doc, "name");
  if (const json* info = member(doc, "creationInfo")) inv.timestamp = string_member(*info, "created");
  SpdxDocument d;
  read_relationship_index(doc, d);
  if (const json* packages = array_member(doc, "packages")) {
    for (const json& pkg : *packages) {
      std::string purpose = string_member(pkg, "primaryPackagePurpose");
      if (d.described.count(string_member(pkg, "SPDXID")) != 0 || purpose == "OPERATING_SYSTEM" ||
          purpose == "OPERATING-SYSTEM")
        read_subject(pkg, inv);
      else
        read_package(pkg, ctx, d, inv);
    }
  }
  read_dependencies(doc, d, inv);
  ctx.finish(inv);
  return inv;
}

}  // namespace customs::sbom
