#pragma once
// VEX: statements by a product's supplier (or the team running it) that a vulnerability does or
// does not affect it. Two formats are read:
//  - OpenVEX 0.2.0 (https://github.com/openvex/spec): statements[] with vulnerability name/@id and
//    aliases, products[] (@id or identifiers.purl, with subcomponents[]), status, justification,
//    impact_statement, action_statement and a timestamp (the document's when the statement has none);
//  - CycloneDX 1.4-1.6 VEX: vulnerabilities[] with id (references[].id as aliases), analysis.state,
//    justification, detail, lastUpdated, and affects[].ref naming a component's bom-ref (also as a
//    BOM-Link "urn:cdx:...#ref") or a purl.
//
// What suppresses a finding:
//  - not_affected (CycloneDX: not_affected, false_positive): always;
//  - fixed (CycloneDX: resolved, resolved_with_pedigree): "these product versions contain a fix",
//    so only when the statement names the installed version exactly (a distribution's backport);
//    a statement without a version says an upgrade fixed it, which is no reason to hide a finding
//    that customs still matches in the installed version;
//  - affected, under_investigation (exploitable, in_triage): never.
// For one finding, the latest statement that names it wins (ties: the later in the input).
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "vulndb/triage/common.h"
#include "vulndb/vulnerability.h"

namespace customs {

enum class VexStatus { kNotAffected, kAffected, kFixed, kUnderInvestigation };

// One product a statement is about. With subcomponents, the statement is about those components
// inside the product (the product is then the scanned artifact, an image or an application).
struct VexProduct {
  std::string purl;                        // "" when the product has no purl
  std::vector<std::string> subcomponents;  // purls
};

struct VexStatement {
  std::string vulnerability;         // the name (OpenVEX) or id (CycloneDX)
  std::vector<std::string> aliases;  // other ids of the same vulnerability
  std::vector<VexProduct> products;
  VexStatus status = VexStatus::kUnderInvestigation;
  std::string status_text;  // as written: "not_affected", "false_positive", "resolved" ...
  std::string justification;
  std::string impact_statement;  // OpenVEX impact_statement, CycloneDX analysis.detail
  std::string action_statement;
  triage::Instant time;  // the statement's timestamp, else the document's, else the epoch
  int line = 0;          // where the statement starts
};

struct VexDocument {
  std::string name;
  std::string format;  // "openvex" or "cyclonedx"
  std::vector<VexStatement> statements;
  Diagnostics diagnostics;  // statements skipped or partly read, located
};

// Reads an OpenVEX or CycloneDX VEX document (JSON). kInvalidInput naming the file when it is
// malformed JSON or neither format; statements it cannot use (no vulnerability, no product, an
// unknown status, a bom-ref no component has) are left out with a located diagnostic.
Result<VexDocument> parse_vex(std::string_view bytes, std::string_view name);

struct VexOptions {
  // The scanned artifact's purl ("pkg:oci/app@sha256:..."). When given, a product listed with
  // subcomponents must match it; when empty, every such product is taken to be the artifact.
  std::string artifact_purl;
};

struct VexOutcome {
  size_t suppressed = 0;       // vulnerabilities this call marked suppressed
  size_t statements_used = 0;  // statements that decided at least one finding
  size_t statements_unused = 0;
  Diagnostics diagnostics;  // one note per unused statement, located
};

// Applies the statements of `documents` (taken together: the latest statement wins across them)
// to the vulnerabilities. A suppressed finding gets kind "vex", reason "<status>: <justification>:
// <impact statement>" (empty parts left out) and vex_justification; one already suppressed keeps
// its first suppression.
VexOutcome apply_vex(const std::vector<VexDocument>& documents, std::vector<Vulnerability>& vulnerabilities,
                     const VexOptions& options = {});
VexOutcome apply_vex(const VexDocument& document, std::vector<Vulnerability>& vulnerabilities,
                     const VexOptions& options = {});

}  // namespace customs
