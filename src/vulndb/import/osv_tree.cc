// JSON (nlohmann's SAX interface, so numbers keep their text and no DOM is built twice) and YAML
// (yaml-cpp) into one Node tree, with the input bounds of the OSV importer.
#include "vulndb/import/osv_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/strings.h"

namespace customs::osv {
namespace {

using json = nlohmann::json;

Location location_at(std::string_view bytes, std::string_view name, size_t offset) {
  std::string_view before = bytes.substr(0, std::min(offset, bytes.size()));
  size_t newline = before.rfind('\n');
  Location loc{std::string(name)};
  loc.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  loc.column =
      1 + static_cast<int>(newline == std::string_view::npos ? before.size() : before.size() - newline - 1);
  return loc;
}

Status check_size(std::string_view bytes, std::string_view name) {
  if (bytes.size() <= kMaxInputBytes) return ok_status();
  return make_error(ErrorKind::kLimit,
                    "OSV input of " + std::to_string(bytes.size()) + " bytes is over the 64 MiB limit",
                    Location{std::string(name)});
}

// Builds the tree from SAX events: open collections on a stack, each closed one moved into its
// parent (or made the root).
class SaxBuilder {
 public:
  bool null() { return add(Node{}); }
  bool boolean(bool v) { return add(scalar(Node::Kind::kBool, v ? "true" : "false")); }
  bool number_integer(json::number_integer_t v) {
    return add(scalar(Node::Kind::kNumber, std::to_string(v)));
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return add(scalar(Node::Kind::kNumber, std::to_string(v)));
  }
  bool number_float(json::number_float_t, const std::string& text) {
    return add(scalar(Node::Kind::kNumber, text));
  }
  bool string(std::string& v) { return add(scalar(Node::Kind::kString, std::move(v))); }
  bool binary(json::binary_t&) { return false; }  // not produced by the JSON lexer
  bool start_object(size_t) { return open(Node::Kind::kMap); }
  bool start_array(size_t) { return open(Node::Kind::kSeq); }
  bool key(std::string& k) {
    open_.back().members.push_back(Member{std::move(k), Node{}});
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_position_ = position > 0 ? position - 1 : 0;
    error_ = e.what();
    if (size_t cut = error_.find("] "); cut != std::string::npos) error_ = error_.substr(cut + 2);
    return false;
  }

  Node& root() { return root_; }
  size_t error_position() const { return error_position_; }
  const std::string& error() const { return error_; }

 private:
  static Node scalar(Node::Kind kind, std::string text) {
    Node n;
    n.kind = kind;
    n.text = std::move(text);
    return n;
  }
  bool open(Node::Kind kind) {
    if (open_.size() >= static_cast<size_t>(kMaxNesting)) return false;  // pre-checked; belt and braces
    open_.emplace_back().kind = kind;
    return true;
  }
  bool close() {
    Node done = std::move(open_.back());
    open_.pop_back();
    return add(std::move(done));
  }
  bool add(Node n) {
    if (open_.empty()) {
      root_ = std::move(n);
    } else if (open_.back().kind == Node::Kind::kSeq) {
      open_.back().items.push_back(std::move(n));
    } else {
      open_.back().members.back().value = std::move(n);
    }
    return true;
  }

  std::vector<Node> open_;
  Node root_;
  size_t error_position_ = 0;
  std::string error_;
};

// yaml-cpp nodes to Node, bounding depth and the total node count (aliases can make a small
// document expand without bound).
class YamlConverter {
 public:
  explicit YamlConverter(size_t budget) : budget_(budget) {}

  // False when a bound was hit; `where` then names the node.
  bool convert(const YAML::Node& in, Node& out, int depth) {
    out.line = in.Mark().line >= 0 ? in.Mark().line + 1 : 0;
    out.column = in.Mark().column >= 0 ? in.Mark().column + 1 : 0;
    if (depth > kMaxNesting || budget_ == 0) return fail(out, depth > kMaxNesting);
    --budget_;
    if (in.IsScalar()) {
      out.kind = Node::Kind::kString;
      out.text = in.Scalar();
    } else if (in.IsSequence()) {
      out.kind = Node::Kind::kSeq;
      for (const YAML::Node& item : in) {
        if (!convert(item, out.items.emplace_back(), depth + 1)) return false;
      }
    } else if (in.IsMap()) {
      out.kind = Node::Kind::kMap;
      for (const auto& kv : in) {
        Member& m = out.members.emplace_back();
        m.key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (!convert(kv.second, m.value, depth + 1)) return false;
      }
    }
    return true;
  }

  bool too_deep() const { return too_deep_; }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  bool fail(const Node& at, bool too_deep) {
    too_deep_ = too_deep;
    line_ = at.line;
    column_ = at.column;
    return false;
  }

  size_t budget_;
  bool too_deep_ = false;
  int line_ = 0;
  int column_ = 0;
};

Location yaml_location(std::string_view name, const YAML::Mark& mark) {
  Location loc{std::string(name)};
  loc.line = mark.line >= 0 ? mark.line + 1 : 0;
  loc.column = mark.column >= 0 ? mark.column + 1 : 0;
  return loc;
}

Result<Node> convert_yaml(const YAML::Node& doc, std::string_view bytes, std::string_view name) {
  YamlConverter converter(2 * bytes.size() + 16);
  Node root;
  if (converter.convert(doc, root, 1)) return root;
  Location loc{std::string(name)};
  loc.line = converter.line();
  loc.column = converter.column();
  if (converter.too_deep())
    return make_error(ErrorKind::kLimit, "YAML nested deeper than " + std::to_string(kMaxNesting) + " levels",
                      loc);
  return make_error(ErrorKind::kLimit, "YAML aliases expand to more nodes than the document holds", loc);
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  // The last of duplicate keys wins, as in nlohmann's DOM.
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key == key) return &it->value;
  }
  return nullptr;
}

const char* describe(const Node& n) {
  static constexpr const char* kNames[] = {"null",      "a string", "a number",
                                           "a boolean", "a list",   "an object"};
  return kNames[static_cast<int>(n.kind)];
}

Result<Node> parse_json_tree(std::string_view bytes, std::string_view name) {
  if (Status size = check_size(bytes, name); !size) return size.error();
  if (size_t at = json_nesting_exceeded_at(bytes, kMaxNesting); at != std::string_view::npos)
    return make_error(ErrorKind::kLimit, "JSON nested deeper than " + std::to_string(kMaxNesting) + " levels",
                      location_at(bytes, name, at));
  SaxBuilder builder;
  bool ok = false;
  try {
    ok = json::sax_parse(bytes.begin(), bytes.end(), &builder);
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kInvalidInput, std::string("not valid JSON: ") + e.what(),
                      Location{std::string(name)});
  }
  if (!ok && builder.error().empty())  // only a handler refusal: the nesting bound
    return make_error(ErrorKind::kLimit, "JSON nested too deep", Location{std::string(name)});
  if (!ok)
    return make_error(ErrorKind::kInvalidInput, "not valid JSON: " + builder.error(),
                      location_at(bytes, name, builder.error_position()));
  return std::move(builder.root());
}

Result<Node> parse_yaml_tree(std::string_view bytes, std::string_view name) {
  if (Status size = check_size(bytes, name); !size) return size.error();
  try {
    YAML::Node doc = YAML::Load(std::string(bytes));
    return convert_yaml(doc, bytes, name);
  } catch (const YAML::DeepRecursion& e) {
    return make_error(ErrorKind::kLimit, "YAML nested too deep: " + e.msg, yaml_location(name, e.mark));
  } catch (const YAML::Exception& e) {
    return make_error(ErrorKind::kInvalidInput, "not valid YAML: " + e.msg, yaml_location(name, e.mark));
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kInvalidInput, std::string("not valid YAML: ") + e.what(),
                      Location{std::string(name)});
  }
}

}  // namespace customs::osv
