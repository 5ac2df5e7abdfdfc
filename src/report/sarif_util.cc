// Pure mappings used by the SARIF reporter (declared in reporters.h).
#include <cctype>
#include <cstdio>
#include <string_view>

#include "report/reporters.h"

namespace customs {
namespace {

struct SeverityMapping {
  const char* level;
  const char* security_severity;
};

// Indexed by static_cast<int>(Severity): info, low, medium, high, critical.
constexpr SeverityMapping kSeverityMappings[] = {
    {"note", "1.0"}, {"note", "3.0"}, {"warning", "5.5"}, {"error", "8.0"}, {"error", "9.5"},
};

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// RFC 3986 unreserved characters, sub-delimiters, '@' and '/': everything a path may carry as is.
// ':' is left out so that a relative path can never be read as a scheme.
bool uri_safe(char c) {
  return is_alnum(c) || std::string_view("-._~/!$&'()*+,;=@").find(c) != std::string_view::npos;
}

std::string percent_encode(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (uri_safe(c)) {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  return out;
}

}  // namespace

const char* sarif_level(Severity s) { return kSeverityMappings[static_cast<int>(s)].level; }

const char* sarif_security_severity(Severity s) {
  return kSeverityMappings[static_cast<int>(s)].security_severity;
}

std::string pascal_case(std::string_view title) {
  std::string out;
  size_t i = 0;
  while (i < title.size()) {
    if (!is_alnum(title[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < title.size() && is_alnum(title[end])) ++end;
    std::string word;
    for (size_t k = i; k < end; ++k)
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(title[k])));
    i = end;
    bool digit_first = std::isdigit(static_cast<unsigned char>(word[0])) != 0;
    if (digit_first) {
      if (!out.empty()) out += word;  // "CIS 4" -> "Cis4"; a leading number is dropped
      continue;
    }
    if (word.size() == 1) continue;  // "a" would make two capitals in a row
    word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    out += word;
  }
  return out;
}

std::string sarif_uri(std::string_view path, bool* relative) {
  bool rel = path.empty() || path.front() != '/';
  if (relative != nullptr) *relative = rel;
  if (!rel) return "file://" + percent_encode(path);
  while (path.starts_with("./")) {
    path.remove_prefix(2);
    while (path.starts_with("/")) path.remove_prefix(1);
  }
  return percent_encode(path);
}

}  // namespace customs
