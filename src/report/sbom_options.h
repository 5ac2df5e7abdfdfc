#pragma once
// Options shared by the SBOM writers (CycloneDX, SPDX). Every field has a deterministic default
// so that the same inventory always renders the same bytes.
#include <string>

namespace customs {

struct SbomWriteOptions {
  // The document's UUID ("3e671687-395b-41f5-a30f-a58921a69b79", no "urn:uuid:"). "" derives a
  // version-4-shaped UUID from the SHA-256 of the inventory's content (target, timestamp, packages).
  std::string serial_uuid;
  // SPDX documentNamespace. "" gives "https://customs.invalid/spdx/<name>-<uuid>".
  std::string document_namespace;
  // Overrides of inv.timestamp and inv.tool_version ("" keeps the inventory's; an inventory
  // without a timestamp gets the current time, since both formats require one).
  std::string timestamp;
  std::string tool_version;
  // Two-space indentation; false gives one line.
  bool pretty = true;
  // CycloneDX only: the vulnerabilities to add as its `vulnerabilities` section (none when null or
  // not scanned).
  const struct VulnSection* vulns = nullptr;
};

}  // namespace customs
