// "ruby-gemfile-lock": Bundler's Gemfile.lock (or gems.locked). The GEM, GIT and PATH sections
// list the locked gems under "  specs:" as "    name (version)" with their dependencies as
// "      name (requirement)" lines; those names are resolved to the versions locked in the file.
// PLATFORMS, DEPENDENCIES (the Gemfile's direct requirements), RUBY VERSION, CHECKSUMS and
// BUNDLED WITH carry no locked gem and are skipped.
//
// A platform-specific gem is written "nokogiri (1.13.10-x86_64-linux)". Bundler's own parser
// (LockfileParser::NAME_VERSION) takes the version up to the first "-" and the platform after it,
// and RubyGems versions never contain "-", so the version is "1.13.10" (what advisories and the
// installed gemspec say); the platform is dropped, and the same gem locked for several platforms
// is one package.
#include <unordered_map>
#include <unordered_set>

#include "catalog/ruby/ruby.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::string_view kRow = "ruby-gemfile-lock";
constexpr uint64_t kMaxBytes = uint64_t{16} << 20;
// Bad lines reported one by one; past this a hostile file gets one summary, not millions.
constexpr size_t kMaxLineDiagnostics = 20;

struct NameVersion {
  std::string_view name;
  std::string_view version;  // "" when the line has no "(...)"
};

// "name (version-platform)" / "name (~> 1.0, >= 1.0.2)" / "name" as Bundler's regex splits them.
NameVersion split_name_version(std::string_view s) {
  size_t paren = s.find(" (");
  if (paren == std::string_view::npos || !ends_with(s, ")")) return {s, {}};
  std::string_view inner = s.substr(paren + 2, s.size() - paren - 3);
  return {s.substr(0, paren), inner.substr(0, inner.find('-'))};
}

struct LockedGem {
  std::string name;
  std::string version;
  std::vector<std::string> dependencies;
};

size_t indent_of(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

bool is_source_section(std::string_view s) { return s == "GEM" || s == "GIT" || s == "PATH"; }

bool is_known_section(std::string_view s) {
  for (std::string_view known : {"GEM", "GIT", "PATH", "PLUGIN SOURCE", "PLATFORMS", "DEPENDENCIES",
                                 "RUBY VERSION", "BUNDLED WITH", "CHECKSUMS"})
    if (s == known) return true;
  return false;
}

// Reads the specs of every source section. Lines in a specs list that are neither a gem nor a
// dependency become diagnostics.
std::vector<LockedGem> read_specs(const CatalogFile& file, CatalogResult& out, bool& saw_section) {
  std::vector<LockedGem> gems;
  std::unordered_set<std::string> seen;  // name@version: one package per gem, whatever its platforms
  bool in_source = false;                // inside GEM, GIT or PATH
  bool in_specs = false;
  bool current_kept = false;  // the last spec line started a new gem (its dependencies follow)
  size_t bad_lines = 0;
  std::vector<std::string_view> lines = split_lines(file.content);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    size_t indent = indent_of(line);
    if (trim(line).empty()) continue;
    int line_no = static_cast<int>(i + 1);
    if (indent == 0 || indent == 2) {
      if (indent == 0) saw_section = saw_section || is_known_section(trim(line));
      if (indent == 0) in_source = is_source_section(trim(line));
      in_specs = in_source && indent == 2 && trim(line) == "specs:";
      current_kept = false;
      continue;
    }
    if (!in_specs) continue;
    std::string_view text = line.substr(indent);
    NameVersion nv = split_name_version(text);
    if (indent == 4 && !nv.version.empty() && !nv.name.empty()) {
      current_kept = seen.insert(std::string(nv.name) + "@" + std::string(nv.version)).second;
      if (current_kept) gems.push_back({std::string(nv.name), std::string(nv.version), {}});
    } else if (indent == 6 && !nv.name.empty()) {
      if (current_kept && !gems.empty()) gems.back().dependencies.emplace_back(nv.name);
    } else if (++bad_lines <= kMaxLineDiagnostics) {
      add_diag(out, file, "ruby.gemfile-lock-bad-line",
               "specs line is neither `name (version)` nor a dependency", line_no,
               static_cast<int>(indent) + 1);
    }
  }
  if (bad_lines > kMaxLineDiagnostics)
    add_diag(out, file, "ruby.gemfile-lock-bad-line",
             std::to_string(bad_lines - kMaxLineDiagnostics) + " more bad specs lines not reported");
  return gems;
}

void emit_gems(const CatalogFile& file, const std::vector<LockedGem>& gems, CatalogResult& out) {
  std::unordered_map<std::string_view, const LockedGem*> by_name;  // nullptr: locked at several versions
  for (const LockedGem& g : gems) {
    auto [it, inserted] = by_name.emplace(g.name, &g);
    if (!inserted) it->second = nullptr;
  }
  for (const LockedGem& g : gems) {
    Package p;
    p.type = PackageType::kGem;
    p.name = g.name;
    p.version = g.version;
    for (const std::string& dep : g.dependencies) {
      auto it = by_name.find(dep);
      if (it != by_name.end() && it->second != nullptr)
        p.depends_on.push_back(package_key(PackageType::kGem, "", it->second->name, it->second->version));
    }
    p.cataloger = std::string(kRow);
    p.origin = PackageOrigin::kDeclared;
    p.path = std::string(file.path);
    out.packages.push_back(std::move(p));
  }
}

uint64_t gemfile_lock_wants(const FsEntry& entry) {
  if (entry.type != EntryType::kFile) return 0;
  std::string_view base = base_name(entry.path);
  return base == "Gemfile.lock" || base == "gems.locked" ? kMaxBytes : 0;
}

void gemfile_lock_parse(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated)
    add_diag(out, file, "ruby.truncated", "Gemfile.lock truncated: later gems are not read");
  bool saw_section = false;
  std::vector<LockedGem> gems = read_specs(file, out, saw_section);
  if (!saw_section && gems.empty()) {
    add_diag(out, file, "ruby.gemfile-lock-not-lock",
             "no GEM, GIT, PATH or DEPENDENCIES section: not a Gemfile.lock");
    return;
  }
  emit_gems(file, gems, out);
}

}  // namespace

Cataloger ruby_gemfile_lock_cataloger() {
  return {kRow, "ruby", 1, &gemfile_lock_wants, &gemfile_lock_parse};
}

}  // namespace customs
