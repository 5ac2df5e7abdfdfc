#pragma once
// A parsed document as the OSV reader sees it: the same tree for JSON and YAML, scalars kept as
// text (a YAML version 1.10 stays "1.10"), with the source position where the parser knows it
// (YAML; JSON nodes have line 0 and are named by their path in messages).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace customs::osv {

struct Member;

struct Node {
  enum class Kind { kNull, kString, kNumber, kBool, kSeq, kMap };
  Kind kind = Kind::kNull;
  std::string text;             // scalars: the string, or the number / bool as written
  std::vector<Node> items;      // kSeq
  std::vector<Member> members;  // kMap, in document order
  int line = 0;                 // 1-based; 0 when unknown
  int column = 0;

  bool is_string() const { return kind == Kind::kString; }
  // The value of `key` in a map, or nullptr (also when this is not a map).
  const Node* find(std::string_view key) const;
};

struct Member {
  std::string key;
  Node value;
};

// Bounds shared by both readers.
inline constexpr size_t kMaxInputBytes = size_t{64} << 20;
inline constexpr int kMaxNesting = 64;

// Parses JSON (strict, no comments). Errors carry the line and column in `name`.
Result<Node> parse_json_tree(std::string_view bytes, std::string_view name);
// Parses one YAML document; every scalar is kString with its source text, ~ / null are kNull.
Result<Node> parse_yaml_tree(std::string_view bytes, std::string_view name);

// "Kind" of a node for messages: "a string", "a list", ...
const char* describe(const Node& n);

}  // namespace customs::osv
