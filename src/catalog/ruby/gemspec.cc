// "ruby-gemspec": installed gem specifications (GEM_HOME/specifications/*.gemspec, including
// specifications/default/ for the gems bundled with Ruby, and Debian's
// rubygems-integration/*/specifications/). They are Ruby code that RubyGems generates with
// Gem::Specification#to_ruby: one `Gem::Specification.new do |s|` block of one-line
// assignments of literals. They are read line by line, never evaluated.
#include <algorithm>
#include <cctype>

#include "catalog/ruby/ruby.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::string_view kRow = "ruby-gemspec";
constexpr uint64_t kMaxBytes = uint64_t{4} << 20;
// Unreadable assignments reported one by one; past this a hostile file gets one summary.
constexpr size_t kMaxLineDiagnostics = 20;

struct GemFields {
  std::string name;
  std::string version;
  std::string homepage;
  std::vector<std::string> licenses;
  std::vector<std::string> authors;
};

// The attributes read: a single string, or a list (a single string there is a one-item list).
struct AttrRule {
  std::string_view attr;
  std::string GemFields::*text;
  std::vector<std::string> GemFields::*list;
};
constexpr AttrRule kAttrs[] = {
    {"name", &GemFields::name, nullptr},         {"version", &GemFields::version, nullptr},
    {"homepage", &GemFields::homepage, nullptr}, {"license", nullptr, &GemFields::licenses},
    {"licenses", nullptr, &GemFields::licenses}, {"author", nullptr, &GemFields::authors},
    {"authors", nullptr, &GemFields::authors},
};

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The block variable of `Gem::Specification.new do |s|` ("s", "spec"), or "" when there is none.
std::string_view block_variable(std::string_view text) {
  size_t at = text.find("Gem::Specification.new");
  if (at == std::string_view::npos) return {};
  std::string_view rest = text.substr(at);
  rest = rest.substr(0, rest.find('\n'));
  size_t open = rest.find('|');
  if (open == std::string_view::npos) return {};
  size_t close = rest.find('|', open + 1);
  if (close == std::string_view::npos) return {};
  std::string_view var = trim(rest.substr(open + 1, close - open - 1));
  for (char c : var)
    if (!is_ident_char(c)) return {};
  return var;
}

// Applies `VAR.attr = literal` when `line` assigns a read attribute. False when such an
// assignment has a value that is not a literal.
bool apply_assignment(std::string_view line, std::string_view var, GemFields& fields) {
  line = trim(line);
  if (!starts_with(line, var) || line.size() <= var.size() || line[var.size()] != '.') return true;
  line.remove_prefix(var.size() + 1);
  size_t n = 0;
  while (n < line.size() && is_ident_char(line[n])) ++n;
  std::string_view attr = line.substr(0, n);
  std::string_view rest = trim(line.substr(n));
  if (!starts_with(rest, "=") || starts_with(rest, "==") || starts_with(rest, "=~")) return true;
  for (const AttrRule& rule : kAttrs) {
    if (attr != rule.attr) continue;
    auto values = parse_ruby_strings(rest.substr(1));
    if (!values) return false;
    if (rule.list != nullptr)
      fields.*rule.list = std::move(*values);
    else if (values->size() == 1)
      fields.*rule.text = std::move(values->front());
    else
      return false;
    return true;
  }
  return true;
}

// The non-empty items, trimmed, first occurrence kept (to_ruby writes "".freeze for blanks).
std::vector<std::string> clean_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::string t(trim(item));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  }
  return out;
}

// "rake-13.0.6.gemspec" (or "nokogiri-1.13.10-x86_64-linux.gemspec") -> "13.0.6" for gem "rake".
std::string version_from_file_name(std::string_view path, std::string_view name) {
  std::string_view base = base_name(path);
  if (!ends_with(base, ".gemspec") || !starts_with(base, name) || base.size() <= name.size() + 9 ||
      base[name.size()] != '-')
    return {};
  std::string_view rest = base.substr(name.size() + 1, base.size() - name.size() - 1 - 8);
  return std::string(rest.substr(0, rest.find('-')));
}

// Applies every assignment of the spec block; unreadable values become diagnostics.
GemFields read_fields(const CatalogFile& file, std::string_view var, CatalogResult& out) {
  GemFields fields;
  size_t unreadable = 0;
  std::vector<std::string_view> lines = split_lines(file.content);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (apply_assignment(lines[i], var, fields) || ++unreadable > kMaxLineDiagnostics) continue;
    add_diag(out, file, "ruby.gemspec-unreadable-value", "attribute value is not a string literal",
             static_cast<int>(i + 1));
  }
  if (unreadable > kMaxLineDiagnostics)
    add_diag(out, file, "ruby.gemspec-unreadable-value",
             std::to_string(unreadable - kMaxLineDiagnostics) + " more unreadable values not reported");
  return fields;
}

uint64_t gemspec_wants(const FsEntry& entry) {
  if (entry.type != EntryType::kFile || !ends_with(entry.path, ".gemspec")) return 0;
  return has_component(entry.path, "specifications") ? kMaxBytes : 0;
}

void gemspec_parse(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated)
    add_diag(out, file, "ruby.truncated", "gemspec truncated: attributes after the cut are missing");
  std::string_view var = block_variable(file.content);
  if (var.empty()) {
    add_diag(out, file, "ruby.gemspec-not-spec",
             "no `Gem::Specification.new do |s|` block: not a gem specification");
    return;
  }
  GemFields fields = read_fields(file, var, out);
  if (fields.name.empty()) {
    add_diag(out, file, "ruby.gemspec-missing-name", "gemspec sets no name");
    return;
  }
  Package p;
  p.type = PackageType::kGem;
  p.version = fields.version;
  if (p.version.empty()) {
    p.version = version_from_file_name(file.path, fields.name);
    if (p.version.empty()) {
      add_diag(out, file, "ruby.gemspec-missing-version", "gemspec of '" + fields.name + "' sets no version");
      return;
    }
    p.version_source = "file name";
  }
  p.name = std::move(fields.name);
  p.licenses = clean_list(fields.licenses);
  p.supplier = join(clean_list(fields.authors), ", ");
  p.homepage = std::move(fields.homepage);
  p.cataloger = std::string(kRow);
  p.origin = PackageOrigin::kInstalled;
  p.path = std::string(file.path);
  out.packages.push_back(std::move(p));
}

}  // namespace

Cataloger ruby_gemspec_cataloger() { return {kRow, "ruby", 1, &gemspec_wants, &gemspec_parse}; }

}  // namespace customs
