// pom.properties (Java properties syntax) and pom.xml (pugixml) as Maven embeds them in archives.
#include <pugixml.hpp>

#include <algorithm>
#include <map>

#include "catalog/java/java.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Undoes properties escapes in one logical line: \t \n \r \f \uXXXX, and "\x" -> "x" otherwise.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        unsigned cp = 0;
        size_t k = 0;
        for (; k < 4 && i + 1 + k < s.size() && hex_value(s[i + 1 + k]) >= 0; ++k)
          cp = cp * 16 + static_cast<unsigned>(hex_value(s[i + 1 + k]));
        if (k == 4) {
          append_utf8(out, cp);
          i += 4;
        } else {
          out += 'u';
        }
        break;
      }
      default: out += c;
    }
  }
  return out;
}

std::string_view skip_leading_space(std::string_view s) {
  size_t i = s.find_first_not_of(" \t\f");
  return i == std::string_view::npos ? std::string_view() : s.substr(i);
}

// True when the line ends in an odd number of backslashes (it continues on the next line).
bool continues(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[line.size() - 1 - n] == '\\') ++n;
  return n % 2 == 1;
}

// Splits "key=value" / "key: value" / "key value" at the first unescaped separator.
std::pair<std::string, std::string> split_property(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] != '=' && line[i] != ':' && line[i] != ' ' && line[i] != '\t') {
    i += line[i] == '\\' ? 2 : 1;
  }
  if (i >= line.size()) return {unescape(line), std::string()};
  std::string_view key = line.substr(0, i);
  std::string_view rest = line.substr(i);
  size_t v = 0;
  while (v < rest.size() && (rest[v] == ' ' || rest[v] == '\t')) ++v;
  if (v < rest.size() && (rest[v] == '=' || rest[v] == ':')) ++v;
  while (v < rest.size() && (rest[v] == ' ' || rest[v] == '\t')) ++v;
  return {unescape(key), unescape(rest.substr(v))};
}

std::string text_of(const pugi::xml_node& node, const char* child) {
  return std::string(trim(node.child(child).text().as_string()));
}

constexpr size_t kMaxInterpolated = 4096;

// Replaces ${name} references from `props`; nullopt when one stays unresolved. Nested
// references resolve up to a small depth, so a cycle ends.
std::optional<std::string> interpolate(std::string_view value,
                                       const std::map<std::string, std::string>& props) {
  std::string current(value);
  for (int round = 0; round < 8; ++round) {
    size_t open = current.find("${");
    if (open == std::string::npos) return current;
    std::string next;
    size_t pos = 0;
    while (open != std::string::npos) {
      size_t close = current.find('}', open);
      if (close == std::string::npos) return std::nullopt;
      auto it = props.find(current.substr(open + 2, close - open - 2));
      if (it == props.end()) return std::nullopt;
      next.append(current, pos, open - pos).append(it->second);
      if (next.size() > kMaxInterpolated) return std::nullopt;
      pos = close + 1;
      open = current.find("${", pos);
    }
    next.append(current, pos, std::string::npos);
    current = std::move(next);
    if (current.size() > kMaxInterpolated) return std::nullopt;
  }
  return current.find("${") == std::string::npos ? std::optional<std::string>(current) : std::nullopt;
}

std::map<std::string, std::string> pom_properties_map(const pugi::xml_node& project,
                                                      const MavenCoordinates& raw,
                                                      const pugi::xml_node& parent) {
  std::map<std::string, std::string> props;
  for (const pugi::xml_node& p : project.child("properties").children()) {
    if (p.type() == pugi::node_element) props[p.name()] = std::string(trim(p.text().as_string()));
  }
  props["project.groupId"] = props["pom.groupId"] = raw.group_id;
  props["project.artifactId"] = props["pom.artifactId"] = raw.artifact_id;
  props["project.version"] = props["pom.version"] = raw.version;
  props["project.parent.groupId"] = text_of(parent, "groupId");
  props["project.parent.version"] = text_of(parent, "version");
  return props;
}

bool runtime_scope(std::string_view scope) {
  return scope != "test" && scope != "provided" && scope != "system" && scope != "import";
}

std::vector<PomDependency> pom_dependencies(const pugi::xml_node& project,
                                            const std::map<std::string, std::string>& props) {
  std::vector<PomDependency> deps;
  for (const pugi::xml_node& d : project.child("dependencies").children("dependency")) {
    PomDependency dep;
    dep.scope = text_of(d, "scope");
    if (!runtime_scope(dep.scope)) continue;
    auto group = interpolate(text_of(d, "groupId"), props);
    auto artifact = interpolate(text_of(d, "artifactId"), props);
    auto version = interpolate(text_of(d, "version"), props);
    if (!group || !artifact || !version || group->empty() || artifact->empty() || version->empty()) continue;
    if (version->front() == '[' || version->front() == '(') continue;  // a range, not a version
    dep.group_id = std::move(*group);
    dep.artifact_id = std::move(*artifact);
    dep.version = std::move(*version);
    deps.push_back(std::move(dep));
  }
  return deps;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_properties(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string logical;
  bool continuing = false;
  for (std::string_view raw : split_lines(text)) {
    std::string_view line = skip_leading_space(raw);
    if (!continuing && (line.empty() || line.front() == '#' || line.front() == '!')) continue;
    bool more = continues(line);
    logical.append(more ? line.substr(0, line.size() - 1) : line);
    continuing = more;
    if (more) continue;
    out.push_back(split_property(logical));
    logical.clear();
  }
  if (!logical.empty()) out.push_back(split_property(logical));
  return out;
}

std::optional<MavenCoordinates> parse_pom_properties(std::string_view text) {
  MavenCoordinates c;
  for (auto& [key, value] : parse_properties(text)) {
    if (key == "groupId") c.group_id = std::string(trim(value));
    if (key == "artifactId") c.artifact_id = std::string(trim(value));
    if (key == "version") c.version = std::string(trim(value));
  }
  if (c.group_id.empty() || c.artifact_id.empty() || c.version.empty()) return std::nullopt;
  return c;
}

Result<PomXml> parse_pom_xml(std::string_view text, std::string_view path) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), pugi::parse_default);
  if (!parsed) {
    auto [line, column] = line_column_at(text, static_cast<size_t>(std::max<ptrdiff_t>(0, parsed.offset)));
    return make_error(ErrorKind::kInvalidInput, std::string("malformed pom.xml: ") + parsed.description(),
                      Location{std::string(path), line, column});
  }
  pugi::xml_node project = doc.child("project");
  if (!project)
    return make_error(ErrorKind::kInvalidInput, "pom.xml has no <project> element", {std::string(path)});
  pugi::xml_node parent = project.child("parent");
  MavenCoordinates raw{text_of(project, "groupId"), text_of(project, "artifactId"),
                       text_of(project, "version")};
  if (raw.group_id.empty()) raw.group_id = text_of(parent, "groupId");
  if (raw.version.empty()) raw.version = text_of(parent, "version");
  auto props = pom_properties_map(project, raw, parent);

  PomXml pom;
  pom.coordinates.group_id = interpolate(raw.group_id, props).value_or("");
  pom.coordinates.artifact_id = interpolate(raw.artifact_id, props).value_or("");
  pom.coordinates.version = interpolate(raw.version, props).value_or("");
  pom.dependencies = pom_dependencies(project, props);
  for (const pugi::xml_node& l : project.child("licenses").children("license")) {
    std::string name = text_of(l, "name");
    if (!name.empty() && std::find(pom.licenses.begin(), pom.licenses.end(), name) == pom.licenses.end())
      pom.licenses.push_back(std::move(name));
  }
  pom.url = interpolate(text_of(project, "url"), props).value_or("");
  pom.organization = text_of(project.child("organization"), "name");
  return pom;
}

}  // namespace customs
