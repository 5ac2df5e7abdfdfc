#include "vulndb/import/osv_read.h"

#include <array>

#include "core/strings.h"

namespace customs::osv {

Location ReadContext::where(const Node& at) const {
  Location loc{name_};
  loc.line = at.line;
  loc.column = at.column;
  return loc;
}

void ReadContext::warn(const Node& at, const std::string& path, std::string code,
                       const std::string& message) {
  diags_.warning(std::move(code), path.empty() ? message : path + ": " + message, where(at));
}

const Node* ReadContext::typed(const Node& map, std::string_view key, const std::string& path,
                               Node::Kind kind) {
  const Node* v = map.find(key);
  if (v == nullptr || v->kind == Node::Kind::kNull) return nullptr;
  if (v->kind == kind) return v;
  Node expected;
  expected.kind = kind;
  warn(*v, child_path(path, key), "osv.wrong-type",
       std::string("expected ") + describe(expected) + ", found " + describe(*v) + "; ignored");
  return nullptr;
}

const std::string* ReadContext::string_at(const Node& map, std::string_view key, const std::string& path) {
  const Node* v = typed(map, key, path, Node::Kind::kString);
  return v != nullptr ? &v->text : nullptr;
}

void ReadContext::read_string(const Node& map, std::string_view key, const std::string& path,
                              std::string& out) {
  if (const std::string* s = string_at(map, key, path)) out = *s;
}

const std::vector<Node>* ReadContext::list_at(const Node& map, std::string_view key,
                                              const std::string& path) {
  const Node* v = typed(map, key, path, Node::Kind::kSeq);
  return v != nullptr ? &v->items : nullptr;
}

const Node* ReadContext::map_at(const Node& map, std::string_view key, const std::string& path) {
  return typed(map, key, path, Node::Kind::kMap);
}

std::vector<std::string> ReadContext::strings_at(const Node& map, std::string_view key,
                                                 const std::string& path) {
  std::vector<std::string> out;
  const std::vector<Node>* items = list_at(map, key, path);
  if (items == nullptr) return out;
  out.reserve(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    const Node& item = (*items)[i];
    if (item.is_string()) {
      out.push_back(item.text);
    } else {
      warn(item, item_path(child_path(path, key), i), "osv.wrong-type",
           std::string("expected a string, found ") + describe(item) + "; ignored");
    }
  }
  return out;
}

std::string child_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string item_path(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

namespace {

// OSV severity types that carry a CVSS vector; the type name is kept as the model's type.
constexpr std::array<std::string_view, 3> kCvssTypes = {"CVSS_V2", "CVSS_V3", "CVSS_V4"};

bool is_cvss_type(std::string_view type) {
  for (std::string_view t : kCvssTypes) {
    if (t == type) return true;
  }
  return false;
}

}  // namespace

bool read_severity(const Node& entry, const std::string& path, std::string_view rater, ReadContext& ctx,
                   SeverityRating& out) {
  if (entry.kind != Node::Kind::kMap) {
    ctx.warn(entry, path, "osv.bad-severity", std::string("expected an object, found ") + describe(entry));
    return false;
  }
  const std::string* type = ctx.string_at(entry, "type", path);
  const std::string* score = ctx.string_at(entry, "score", path);
  if (type == nullptr || score == nullptr) {
    ctx.warn(entry, path, "osv.bad-severity", "severity needs a type and a score; ignored");
    return false;
  }
  out = SeverityRating{std::string(rater), *type, "", std::nullopt, ""};
  if (is_cvss_type(*type)) {
    out.vector = *score;
  } else if (iequals(*type, "Ubuntu")) {
    out.source = "ubuntu";
    out.type = "text";
    out.label = *score;
  } else {
    out.label = *score;  // a type this version does not know: kept as given
  }
  return true;
}

}  // namespace customs::osv
