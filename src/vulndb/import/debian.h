#pragma once
// Shared by the three Debian importers (tracker JSON export, DSA/DLA text lists, the vuln-list
// layout Trivy reads): release codenames, the tracker's package annotations, and how an entry of
// the security tracker's data files becomes an Advisory.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "vulndb/advisory.h"

namespace customs {

// The OSV ecosystem of a Debian release: "bookworm" -> "Debian:12", "woody" -> "Debian:3.0"
// (x.y below 4, where the point release named the distribution), "sid" (and "unstable", "") ->
// "Debian:unstable" (OSV has no name for it). nullopt for a name that is not a Debian release.
std::optional<std::string> debian_ecosystem(std::string_view codename);

// One package annotation of the tracker: "[bullseye] - xorg-server 2:1.20.11-1+deb11u6 (low)",
// "[buster] - openssl <not-affected> (Vulnerable code introduced in 1.1.1h)", "- curl 7.88.1-1".
struct DebianPackageLine {
  std::string release;  // codename; "" when the line has none (it then speaks of unstable)
  std::string package;  // source package
  // "fixed" (with a version), or the marker without brackets: "not-affected", "unfixed",
  // "no-dsa", "ignored", "postponed", "end-of-life", "undetermined", "removed", "itp".
  std::string kind;
  std::string version;
  std::string description;  // the text in parentheses, "" if none
  std::string urgency;      // "low", "medium", ... when the line gives one
  int line = 0;
};

// Parses one annotation line without its indentation; nullopt when it is not one.
std::optional<DebianPackageLine> parse_debian_package_line(std::string_view text);

// One entry of a tracker data file (a DSA, a DLA, or a CVE of the vuln-list layout).
struct DebianEntry {
  std::string id;         // "DSA-5380-1", "CVE-2021-3450"
  std::string published;  // RFC 3339 ("2023-03-29T00:00:00Z"), "" when the entry has no date
  std::string summary;
  std::vector<std::string> xrefs;  // ids in "{...}": the CVEs of a DSA, the DSAs of a CVE
  std::vector<DebianPackageLine> packages;
  std::vector<std::string> notes;  // NOTE: lines
  int line = 0;
};

// The header of a DSA/DLA entry: "[29 Mar 2023] DSA-5380-1 xorg-server - security update".
// Sets id, published and summary (the title; the whole rest when there is no " - ").
// Returns false when the line is not such a header.
bool parse_debian_list_header(std::string_view line, DebianEntry& entry);

// The Advisory for an entry: aliases from xrefs, one Affected per package line. Lines that name
// an unknown release or kind are reported and left out; "removed" and "itp" (no package in the
// release) are left out silently.
Advisory debian_entry_advisory(const DebianEntry& entry, std::string_view source, std::string_view name,
                               Diagnostics& diags);

// Fills state, ranges and note of `a` for a kind; false when the kind is unknown. "fixed" needs
// `version`; "0" as the fixed version means never affected.
bool apply_debian_kind(std::string_view kind, const std::string& version, Affected& a);

// Adds "debian" text ratings to `adv` for its affected rows' labels (the highest urgency).
void add_debian_urgency_rating(Advisory& adv);

// The source name for an entry id: "debian-dsa", "debian-dla", else "debian-tracker".
std::string_view debian_source_for(std::string_view id);

}  // namespace customs
