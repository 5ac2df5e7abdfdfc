// "python-requirements": pip requirements files (requirements.txt, requirements-dev.txt,
// dev-requirements.txt ...). Only pinned requirements ("name==1.2", "name===1.2", with extras and
// environment markers) name a version, so only they become packages; ranges, bare names, URLs,
// paths and option lines (-r, -c, -e, --index-url, --hash) are normal content and say nothing.
#include <cctype>
#include <optional>
#include <unordered_set>

#include "catalog/python/python.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::string_view kRow = "python-requirements";
constexpr uint64_t kMaxBytes = uint64_t{16} << 20;

struct Pinned {
  std::string_view name;
  std::string_view version;
};

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

// The version a specifier list pins ("==1.2", ">=1,==1.2"), or "" when none does ("==1.*" is a
// prefix match, not a pin).
std::string_view pinned_version(std::string_view specifiers) {
  size_t start = 0;
  while (start <= specifiers.size()) {
    size_t comma = specifiers.find(',', start);
    std::string_view clause =
        trim(specifiers.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (starts_with(clause, "==")) {
      clause.remove_prefix(starts_with(clause, "===") ? 3 : 2);
      std::string_view v = trim(clause);
      bool plain = !v.empty() && v.find_first_of("* \t") == std::string_view::npos;
      if (plain) return v;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return {};
}

// A PEP 508 requirement (markers already removed) when it pins one version.
std::optional<Pinned> parse_pinned(std::string_view req) {
  req = trim(req);
  size_t n = 0;
  while (n < req.size() && is_name_char(req[n])) ++n;
  if (n == 0 || !std::isalnum(static_cast<unsigned char>(req[0]))) return std::nullopt;
  Pinned p{req.substr(0, n), {}};
  std::string_view rest = trim(req.substr(n));
  if (starts_with(rest, "[")) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    rest = trim(rest.substr(close + 1));
  }
  if (starts_with(rest, "(") && ends_with(rest, ")")) rest = rest.substr(1, rest.size() - 2);  // "name (==1)"
  p.version = pinned_version(rest);
  if (p.version.empty()) return std::nullopt;
  return p;
}

// The requirement part of one logical line: comments removed, and everything from the first
// option token ("--hash=...", "--install-option") on, as pip's break_args_options() does.
std::string_view requirement_part(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    bool after_space = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t';
    if (!after_space) continue;
    if (line[i] == '#' || (line[i] == '-' && i > 0)) return line.substr(0, i);
  }
  return line;
}

void add_requirement(const CatalogFile& file, std::string_view line, std::unordered_set<std::string>& seen,
                     CatalogResult& out) {
  line = trim(line);
  if (line.empty() || line[0] == '#' || line[0] == '-') return;  // comments and option lines
  std::string_view req = requirement_part(line);
  req = req.substr(0, req.find(';'));  // environment markers
  auto pinned = parse_pinned(req);
  if (!pinned) return;
  std::string key = normalize_python_name(pinned->name) + "@" + std::string(pinned->version);
  if (!seen.insert(key).second) return;
  Package p;
  p.type = PackageType::kPypi;
  p.name = std::string(pinned->name);
  p.version = std::string(pinned->version);
  p.cataloger = std::string(kRow);
  p.origin = PackageOrigin::kDeclared;
  p.path = std::string(file.path);
  out.packages.push_back(std::move(p));
}

uint64_t requirements_wants(const FsEntry& entry) {
  if (entry.type != EntryType::kFile) return 0;
  return glob_match("*requirements*.txt", base_name(entry.path)) ? kMaxBytes : 0;
}

void requirements_parse(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated)
    add_diag(out, file, "python.truncated", "requirements file truncated: later lines are not read");
  std::unordered_set<std::string> seen;
  std::string logical;  // lines joined across "\" continuations
  for (std::string_view line : split_lines(file.content)) {
    if (ends_with(line, "\\") && !starts_with(trim(line), "#")) {
      logical.append(line.substr(0, line.size() - 1));
      continue;
    }
    logical.append(line);
    add_requirement(file, logical, seen, out);
    logical.clear();
  }
  if (!logical.empty()) add_requirement(file, logical, seen, out);
}

}  // namespace

Cataloger python_requirements_cataloger() {
  return {kRow, "python", 1, &requirements_wants, &requirements_parse};
}

}  // namespace customs
