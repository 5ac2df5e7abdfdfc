// dpkg version comparison, as lib/dpkg/version.c (dpkg_version_compare) and parseversion.c.
#include <cctype>
#include <cstdint>
#include <optional>
#include <string_view>

#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

struct DpkgVersion {
  uint64_t epoch = 0;
  std::string_view upstream;
  std::string_view revision;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// parseversion(): what dpkg refuses (errors) is invalid here; what it only warns about is compared.
std::optional<DpkgVersion> parse_dpkg(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) return std::nullopt;  // embedded spaces
  }
  DpkgVersion v;
  if (size_t colon = s.find(':'); colon != std::string_view::npos) {
    std::string_view epoch = s.substr(0, colon);
    if (epoch.empty()) return std::nullopt;
    for (char c : epoch) {
      if (!is_digit(c)) return std::nullopt;
      v.epoch = v.epoch * 10 + static_cast<uint64_t>(c - '0');
      if (v.epoch > INT32_MAX) return std::nullopt;  // "epoch in version is too big"
    }
    s.remove_prefix(colon + 1);
    if (s.empty()) return std::nullopt;  // "nothing after colon in version number"
  }
  if (size_t dash = s.rfind('-'); dash != std::string_view::npos) {
    v.revision = s.substr(dash + 1);
    if (v.revision.empty()) return std::nullopt;  // "revision number is empty"
    s = s.substr(0, dash);
  }
  v.upstream = s;
  if (v.upstream.empty()) return std::nullopt;  // "version number is empty"
  return v;
}

int order(char c) {
  if (is_digit(c)) return 0;
  if (is_alpha(c)) return c;
  if (c == '~') return -1;
  if (c != '\0') return c + 256;
  return 0;
}

char at(std::string_view s, size_t i) { return i < s.size() ? s[i] : '\0'; }

int verrevcmp(std::string_view a, std::string_view b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      int ac = order(at(a, i));
      int bc = order(at(b, j));
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (at(a, i) == '0') ++i;
    while (at(b, j) == '0') ++j;
    while (is_digit(at(a, i)) && is_digit(at(b, j))) {
      if (first_diff == 0) first_diff = at(a, i) - at(b, j);
      ++i;
      ++j;
    }
    if (is_digit(at(a, i))) return 1;
    if (is_digit(at(b, j))) return -1;
    if (first_diff != 0) return first_diff;
  }
  return 0;
}

}  // namespace

std::optional<int> compare_dpkg(std::string_view a, std::string_view b) {
  auto va = parse_dpkg(a);
  auto vb = parse_dpkg(b);
  if (!va || !vb) return std::nullopt;
  if (va->epoch != vb->epoch) return va->epoch > vb->epoch ? 1 : -1;
  if (int r = verrevcmp(va->upstream, vb->upstream); r != 0) return r;
  return verrevcmp(va->revision, vb->revision);
}

}  // namespace customs
