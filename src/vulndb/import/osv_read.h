#pragma once
// Typed access to an OSV record's Node tree. A field of the wrong type is a located diagnostic
// ("osv.wrong-type", naming its path such as "affected[0].ranges[1].events") and reads as absent;
// unknown fields are never looked at.
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "vulndb/advisory.h"
#include "vulndb/import/osv_tree.h"

namespace customs::osv {

class ReadContext {
 public:
  ReadContext(std::string_view name, Diagnostics& diags) : name_(name), diags_(diags) {}

  Location where(const Node& at) const;
  // A warning "<path>: <message>" at the node.
  void warn(const Node& at, const std::string& path, std::string code, const std::string& message);

  // The string at `key`, or nullptr when absent or null (or of another type, diagnosed).
  const std::string* string_at(const Node& map, std::string_view key, const std::string& path);
  void read_string(const Node& map, std::string_view key, const std::string& path, std::string& out);
  // The list at `key` (nullptr as above); its elements are checked by the caller.
  const std::vector<Node>* list_at(const Node& map, std::string_view key, const std::string& path);
  // The map at `key` (nullptr as above).
  const Node* map_at(const Node& map, std::string_view key, const std::string& path);
  // The strings of the list at `key`; elements of another type are diagnosed and left out.
  std::vector<std::string> strings_at(const Node& map, std::string_view key, const std::string& path);

 private:
  const Node* typed(const Node& map, std::string_view key, const std::string& path, Node::Kind kind);

  std::string name_;
  Diagnostics& diags_;
};

// "path.key", or "key" at the top.
std::string child_path(const std::string& path, std::string_view key);
// "path[i]".
std::string item_path(const std::string& path, size_t i);

// One OSV "severity" entry ({type, score}), rated by `rater` ("osv" or "ghsa"); CVSS_V2/V3/V4
// keep the vector, "Ubuntu" is a text rating by "ubuntu", other types are kept with the score as
// the label. False (diagnosed) when type or score is missing.
bool read_severity(const Node& entry, const std::string& path, std::string_view rater, ReadContext& ctx,
                   SeverityRating& out);

// One element of "affected". False (diagnosed) when it is not an object. Per-package CVSS
// severities are added to `record_severities` (once each).
bool read_affected(const Node& n, const std::string& path, std::string_view rater, ReadContext& ctx,
                   Affected& out, std::vector<SeverityRating>& record_severities);

}  // namespace customs::osv
