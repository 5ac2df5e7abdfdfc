#include "model/package.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace customs {
namespace {

struct TypeName {
  PackageType type;
  std::string_view name;
};

constexpr std::array<TypeName, 11> kTypes = {{
    {PackageType::kDeb, "deb"},
    {PackageType::kApk, "apk"},
    {PackageType::kRpm, "rpm"},
    {PackageType::kNpm, "npm"},
    {PackageType::kPypi, "pypi"},
    {PackageType::kMaven, "maven"},
    {PackageType::kGolang, "golang"},
    {PackageType::kCargo, "cargo"},
    {PackageType::kGem, "gem"},
    {PackageType::kComposer, "composer"},
    {PackageType::kNuget, "nuget"},
}};

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_' || c == '~';
}

// Percent-encodes everything but unreserved characters and ':' (the purl spec keeps ':' as is).
std::string encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (is_unreserved(c) || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> decode(std::string_view s, std::string_view what) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
    if (hi < 0 || lo < 0)
      return make_error(ErrorKind::kInvalidInput, "bad percent-encoding in the purl's " + std::string(what));
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string_view purl_type(PackageType t) {
  for (const auto& row : kTypes)
    if (row.type == t) return row.name;
  return "generic";
}

std::optional<PackageType> package_type_from_purl_type(std::string_view type) {
  std::string t = lower(type);
  for (const auto& row : kTypes)
    if (row.name == t) return row.type;
  return std::nullopt;
}

bool is_os_package(PackageType t) {
  return t == PackageType::kDeb || t == PackageType::kApk || t == PackageType::kRpm;
}

const std::vector<PackageType>& all_package_types() {
  static const std::vector<PackageType> types = [] {
    std::vector<PackageType> v;
    v.reserve(std::size(kTypes));
    for (const auto& row : kTypes) v.push_back(row.type);
    return v;
  }();
  return types;
}

std::string_view to_string(PackageOrigin o) {
  switch (o) {
    case PackageOrigin::kInstalled: return "installed";
    case PackageOrigin::kDeclared: return "declared";
    case PackageOrigin::kBinary: return "binary";
  }
  return "installed";
}

std::string to_string(const PackageUrl& purl) {
  std::string out = "pkg:" + lower(purl.type) + "/";
  if (!purl.namespace_.empty()) {
    size_t start = 0;
    std::string_view ns = purl.namespace_;
    while (start <= ns.size()) {
      size_t slash = ns.find('/', start);
      std::string_view seg =
          ns.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
      if (!seg.empty()) out += encode(seg) + "/";
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  out += encode(purl.name);
  if (!purl.version.empty()) out += "@" + encode(purl.version);
  std::vector<std::pair<std::string, std::string>> q;
  for (const auto& [k, v] : purl.qualifiers)
    if (!v.empty()) q.emplace_back(lower(k), v);
  std::sort(q.begin(), q.end());
  for (size_t i = 0; i < q.size(); ++i) out += (i == 0 ? "?" : "&") + q[i].first + "=" + encode(q[i].second);
  if (!purl.subpath.empty()) out += "#" + encode(purl.subpath);
  return out;
}

Result<PackageUrl> parse_purl(std::string_view text) {
  auto fail = [&](const std::string& why) {
    return make_error(ErrorKind::kInvalidInput,
                      "invalid package URL '" + std::string(text.substr(0, 200)) + "': " + why);
  };
  if (text.substr(0, 4) != "pkg:") return fail("it does not start with \"pkg:\"");
  std::string_view rest = text.substr(4);
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  PackageUrl purl;
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    auto sub = decode(rest.substr(hash + 1), "subpath");
    if (!sub.ok()) return fail(sub.error().message);
    purl.subpath = *sub;
    rest = rest.substr(0, hash);
  }
  if (size_t qm = rest.find('?'); qm != std::string_view::npos) {
    std::string_view qs = rest.substr(qm + 1);
    rest = rest.substr(0, qm);
    while (!qs.empty()) {
      size_t amp = qs.find('&');
      std::string_view pair = qs.substr(0, amp);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos || eq == 0) return fail("a qualifier without \"key=value\"");
      auto value = decode(pair.substr(eq + 1), "qualifiers");
      if (!value.ok()) return fail(value.error().message);
      purl.qualifiers.emplace_back(lower(pair.substr(0, eq)), *value);
      if (amp == std::string_view::npos) break;
      qs.remove_prefix(amp + 1);
    }
  }
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return fail("no type");
  purl.type = lower(rest.substr(0, slash));
  rest = rest.substr(slash + 1);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  size_t at = rest.rfind('@');
  size_t last_slash = rest.rfind('/');
  if (at != std::string_view::npos && (last_slash == std::string_view::npos || at > last_slash)) {
    auto version = decode(rest.substr(at + 1), "version");
    if (!version.ok()) return fail(version.error().message);
    purl.version = *version;
    rest = rest.substr(0, at);
    last_slash = rest.rfind('/');
  }
  std::string_view name = last_slash == std::string_view::npos ? rest : rest.substr(last_slash + 1);
  auto decoded_name = decode(name, "name");
  if (!decoded_name.ok()) return fail(decoded_name.error().message);
  if (decoded_name->empty()) return fail("no name");
  purl.name = *decoded_name;
  if (last_slash != std::string_view::npos) {
    std::string_view ns = rest.substr(0, last_slash);
    std::string out;
    size_t start = 0;
    while (start <= ns.size()) {
      size_t s = ns.find('/', start);
      auto seg = decode(ns.substr(start, s == std::string_view::npos ? std::string_view::npos : s - start),
                        "namespace");
      if (!seg.ok()) return fail(seg.error().message);
      if (!seg->empty()) out += (out.empty() ? "" : "/") + *seg;
      if (s == std::string_view::npos) break;
      start = s + 1;
    }
    purl.namespace_ = out;
  }
  return purl;
}

std::string package_key(PackageType type, std::string_view namespace_, std::string_view name,
                        std::string_view version) {
  PackageUrl purl;
  purl.type = std::string(purl_type(type));
  purl.namespace_ = std::string(namespace_);
  purl.name = type == PackageType::kPypi ? normalize_python_name(name) : std::string(name);
  purl.version = std::string(version);
  return to_string(purl);
}

std::string package_key(const Package& p) { return package_key(p.type, p.namespace_, p.name, p.version); }

std::string normalize_python_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_sep = false;
  for (unsigned char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_sep) out += '-';
      in_sep = true;
    } else {
      out += static_cast<char>(std::tolower(c));
      in_sep = false;
    }
  }
  return out;
}

}  // namespace customs
