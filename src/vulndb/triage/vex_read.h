#pragma once
// Inside the VEX reader: one function per format, given the parsed JSON (its root an object).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "vulndb/import/feed_util.h"
#include "vulndb/triage/vex.h"

namespace customs::triage {

// Fills doc.statements (and doc.diagnostics) from an OpenVEX document.
void read_openvex(const nlohmann::json& root, JsonLines& lines, VexDocument& doc);
// Fills doc.statements (and doc.diagnostics) from a CycloneDX BOM's vulnerabilities.
void read_cyclonedx_vex(const nlohmann::json& root, JsonLines& lines, VexDocument& doc);

// A statement's time from the first of `candidates` that is an RFC 3339 date-time; a candidate
// that is present but not one gets a diagnostic. `fallback` when none is.
Instant statement_time(const std::vector<std::string>& candidates, Instant fallback, VexDocument& doc,
                       int line);

// Adds a located warning for a statement skipped or partly read.
void vex_diag(VexDocument& doc, int line, std::string code, std::string message);

}  // namespace customs::triage
