#pragma once
// Internals of the SBOM readers: what CycloneDX and SPDX reading share. Not for other modules.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "model/inventory.h"

namespace customs::sbom {

using json = nlohmann::json;

// Typed access that never throws: nullptr / fallback when the key is missing or of another type.
const json* member(const json& obj, std::string_view key);
std::string string_member(const json& obj, std::string_view key);
const json* array_member(const json& obj, std::string_view key);

// The document being read: its path, and counts of what was skipped (reported once at the end).
class ReadContext {
 public:
  ReadContext(std::string_view path, Diagnostics* diags) : path_(path), diags_(diags) {}

  // A Package with the identity the purl states (OS packages: no namespace, arch and epoch from
  // the qualifiers), or nullopt (counted) when the purl does not parse or its type is unknown.
  // `name_hint` is the name the SBOM shows, kept for PyPI when it normalises to the purl's.
  std::optional<Package> package_from_purl(std::string_view purl, std::string_view name_hint);
  void skipped_without_purl() { ++without_purl_; }
  void duplicate_ref(const std::string& ref);
  void warn(std::string code, std::string message);

  // Sets one field from a customs:* (or Trivy / Syft) property; false when the name is not known.
  static bool apply_property(Package& p, std::string_view name, const std::string& value);
  // The last touches: path from the locations (else the SBOM's path), source_version "" when it
  // equals version, the cataloger when the SBOM did not name one.
  void finish(Package& p, std::string_view default_cataloger) const;
  // Sorts the packages, emits the skip counts.
  void finish(Inventory& inv);

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  Diagnostics* diags_;
  std::map<std::string, size_t> unknown_types_;
  size_t without_purl_ = 0;
  size_t bad_purls_ = 0;
  std::string first_bad_purl_;
};

Inventory read_cyclonedx(const json& doc, ReadContext& ctx);
Inventory read_spdx(const json& doc, ReadContext& ctx);

}  // namespace customs::sbom
