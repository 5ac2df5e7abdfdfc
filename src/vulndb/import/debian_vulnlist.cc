// The vuln-list layout of the Debian tracker (github.com/aquasecurity/vuln-list-debian, read by
// Trivy): one JSON file per entry of data/CVE/list, data/DSA/list and data/DLA/list, the entry's
// lines already split into {"Header": {"ID", "Description", "Original"}, "Annotations": [{"Type":
// "package" | "xref" | "NOTE", "Release", "Package", "Kind", "Version", "Description", "Bugs"}]}.
// A CVE file's package lines without a release speak of unstable; releases without a line of
// their own are not covered (the tracker derives them from each release's package versions,
// which the export in debian_tracker.cc carries and this layout does not).
#include "core/strings.h"
#include "vulndb/import/debian.h"
#include "vulndb/import/feed_util.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

// "(cloud-init through 19.4 relies on ...)" -> "cloud-init through 19.4 relies on ...".
std::string strip_parens(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')')
    text = trim(text.substr(1, text.size() - 2));
  return std::string(text);
}

bool read_header(const nlohmann::json& header, DebianEntry& e) {
  std::string id = json_str(header, "ID");
  if (id.empty()) return false;
  if (id.starts_with("DSA-") || id.starts_with("DLA-")) {
    if (!parse_debian_list_header(json_str(header, "Original"), e))
      e.summary = json_str(header, "Description");
  } else {
    e.summary = strip_parens(json_str(header, "Description"));
  }
  e.id = id;
  return true;
}

std::optional<DebianPackageLine> package_annotation(const nlohmann::json& ann) {
  DebianPackageLine p;
  p.release = json_str(ann, "Release");
  p.package = json_str(ann, "Package");
  p.kind = json_str(ann, "Kind");
  p.version = json_str(ann, "Version");
  p.description = json_str(ann, "Description");
  p.urgency = json_str(ann, "Severity");
  auto bug = ann.find("BugNo");
  if (bug != ann.end() && bug->is_number_unsigned()) {
    std::string b = "bug #" + std::to_string(bug->get<uint64_t>());
    p.description = p.description.empty() ? b : p.description + "; " + b;
  }
  if (p.package.empty() || p.kind.empty()) return std::nullopt;
  return p;
}

void read_annotations(const nlohmann::json& anns, DebianEntry& e, JsonLines& lines, std::string_view name,
                      Diagnostics& diags) {
  for (size_t i = 0; i < anns.size(); ++i) {
    const nlohmann::json& ann = anns[i];
    std::string type = json_str(ann, "Type");
    if (type == "xref") {
      const nlohmann::json* bugs = json_array_at(ann, "Bugs");
      for (const auto& b : bugs ? *bugs : nlohmann::json::array()) {
        if (b.is_string()) e.xrefs.push_back(b.get<std::string>());
      }
    } else if (type == "NOTE") {
      e.notes.push_back(json_str(ann, "Description"));
    } else if (type == "package") {
      std::optional<DebianPackageLine> p = package_annotation(ann);
      int line = lines.line_of({"Annotations", std::to_string(i)});
      if (!p) {
        json_diag(diags, lines, name, {"Annotations", std::to_string(i)}, "debian.bad-annotation",
                  "package annotation without Package or Kind; skipped");
        continue;
      }
      p->line = line;
      e.packages.push_back(std::move(*p));
    }
  }
}

}  // namespace

Result<FeedBatch> parse_vuln_list_debian(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  auto doc = parse_feed_json(bytes, name);
  if (!doc) return doc.error();
  const nlohmann::json* header = json_object_at(*doc, "Header");
  const nlohmann::json* anns = json_array_at(*doc, "Annotations");
  DebianEntry e;
  if (header == nullptr || anns == nullptr || !read_header(*header, e))
    return feed_error(name,
                      "not a vuln-list Debian entry: expected \"Header\" with an \"ID\" and \"Annotations\"");
  JsonLines lines(strip_bom(bytes), 2);
  e.line = lines.line_of({"Header"});
  read_annotations(*anns, e, lines, name, diags);
  FeedBatch batch;
  batch.advisories.push_back(debian_entry_advisory(e, debian_source_for(e.id), name, diags));
  return batch;
}

}  // namespace customs
