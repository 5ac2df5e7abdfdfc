// Archive names: which files are Java archives, and the artifact and version a file name tells.
#include <array>

#include "catalog/java/java.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::array<std::string_view, 10> kArchiveExtensions = {".jar", ".war", ".ear", ".par", ".sar",
                                                                 ".nar", ".jpi", ".hpi", ".kar", ".lpkg"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The file name without directories and without its archive extension.
std::string_view stem(std::string_view path) {
  std::string_view base = base_name(path);
  size_t dot = base.rfind('.');
  return dot == std::string_view::npos ? base : base.substr(0, dot);
}

// Where the version starts among the "-"-separated segments: the first segment led by a digit
// after which no dotted digit-led segment follows an alphabetic one ("log4j-1.2-api-2.17.1":
// "1.2" is part of the name because "api-2.17.1" follows; "guava-31.1-jre": "31.1" starts it).
size_t version_segment(const std::vector<std::string>& segments) {
  for (size_t i = 1; i < segments.size(); ++i) {
    if (segments[i].empty() || !is_digit(segments[i][0])) continue;
    bool later_version = false;
    bool seen_alpha = false;
    for (size_t j = i + 1; j < segments.size() && !later_version; ++j) {
      const std::string& s = segments[j];
      if (s.empty()) continue;
      if (is_alpha(s[0])) seen_alpha = true;
      if (seen_alpha && is_digit(s[0]) && s.find('.') != std::string::npos) later_version = true;
    }
    if (!later_version) return i;
  }
  return segments.size();
}

}  // namespace

bool is_java_archive_name(std::string_view path) {
  std::string_view base = base_name(path);
  for (std::string_view ext : kArchiveExtensions)
    if (base.size() > ext.size() && iequals(base.substr(base.size() - ext.size()), ext)) return true;
  return false;
}

std::optional<JarFileName> parse_jar_file_name(std::string_view path) {
  std::vector<std::string> segments = split(stem(path), '-');
  size_t at = version_segment(segments);
  if (at == 0 || at >= segments.size()) return std::nullopt;
  JarFileName out;
  std::vector<std::string> name(segments.begin(), segments.begin() + static_cast<std::ptrdiff_t>(at));
  std::vector<std::string> version(segments.begin() + static_cast<std::ptrdiff_t>(at), segments.end());
  out.name = join(name, "-");
  out.version = join(version, "-");
  if (out.name.empty() || out.version.empty()) return std::nullopt;
  return out;
}

std::string jar_file_stem_name(std::string_view path) {
  if (auto parsed = parse_jar_file_name(path)) return parsed->name;
  return std::string(stem(path));
}

}  // namespace customs
