#pragma once
// Advisory: one vulnerability record in one model for every feed, close to OSV 1.x (which most of
// them are). Importers (src/vulndb/import/) turn the bytes of a feed into these; the store keeps
// them in SQLite; the matcher reads them back for the packages of an inventory.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace customs {

// One severity rating of a vulnerability, as one source gives it.
struct SeverityRating {
  // Who rates: "nvd", "ghsa", "osv" (the record's own severity), "debian", "alpine", "redhat",
  // "ubuntu", "go" ...
  std::string source;
  // "CVSS_V2", "CVSS_V3" (3.0 and 3.1: the vector says which), "CVSS_V4", or "text" when the
  // source only gives a word ("HIGH", "moderate", "unimportant").
  std::string type;
  std::string vector;           // the CVSS vector as published ("CVSS:3.1/AV:N/..."); "" for text
  std::optional<double> score;  // the score the source published, when it did
  std::string label;            // the source's own word for it ("HIGH", "moderate"), "" if none
};

// One OSV range event. Exactly one of the four kinds.
struct RangeEvent {
  enum class Kind { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;  // "0" for introduced-from-the-beginning
};

struct AffectedRange {
  std::string type;  // "ECOSYSTEM", "SEMVER", "GIT"
  std::string repo;  // GIT ranges only
  std::vector<RangeEvent> events;
};

// The state a distribution gives a package for a vulnerability, where it says more than ranges.
enum class FixState {
  kAffected,     // ranges / versions decide (the OSV case)
  kUnfixed,      // affected, no fix released yet (Debian "<unfixed>", open)
  kWontFix,      // affected, the distribution will not fix it ("<no-dsa>", "<ignored>", "will_not_fix")
  kNotAffected,  // the distribution says its package was never affected ("<not-affected>")
  kEndOfLife,    // the release is no longer supported for this package ("<end-of-life>")
};
// "affected", "unfixed", "wont-fix", "not-affected", "end-of-life" (stored in the database).
std::string_view to_string(FixState s);
std::optional<FixState> fix_state_from(std::string_view name);

// One affected package of an advisory.
struct Affected {
  // The OSV ecosystem string: "Go", "PyPI", "npm", "Maven", "crates.io", "RubyGems", "Packagist",
  // "NuGet", "Debian:12", "Alpine:v3.19", "Ubuntu:22.04", "Rocky Linux:9", "AlmaLinux:9" ...
  std::string ecosystem;
  // Name in that ecosystem: Debian/Ubuntu the source package, Alpine the origin, Maven
  // "group:artifact", Go the module path (or "stdlib"), npm with its scope ("@babel/core").
  std::string package;
  std::string purl;  // OSV package.purl when given
  std::vector<AffectedRange> ranges;
  std::vector<std::string> versions;  // explicit affected versions
  FixState state = FixState::kAffected;
  // Free text the source attached to this package ("NOTE: ...", Debian "minor issue", a
  // severity specific to this package), shown with findings; "" when none.
  std::string note;
  std::string severity_label;  // per-package severity where the source gives one (Debian urgency)
};

struct Advisory {
  std::string id;                    // "GHSA-...", "GO-2024-2687", "PYSEC-...", "DSA-5000-1", "CVE-..."
  std::vector<std::string> aliases;  // other ids of the same vulnerability (CVE, GHSA, ...)
  std::vector<std::string> related;  // OSV "related" (not the same vulnerability)
  std::string summary;
  std::string details;
  std::string published;  // RFC 3339 as given; "" when unknown
  std::string modified;
  std::string withdrawn;  // non-empty: the record was withdrawn and must not match
  std::vector<SeverityRating> severities;
  std::vector<Affected> affected;
  std::vector<std::string> references;  // URLs
  std::string source;                   // the feed it came from: "osv", "debian-tracker", "debian-dsa",
                                        // "debian-dla", "alpine-secdb", "nvd"
};

// Enrichment that is keyed by CVE id and is not an advisory of its own.
struct KevEntry {
  std::string cve;
  std::string vendor;
  std::string product;
  std::string name;
  std::string date_added;  // YYYY-MM-DD
  std::string due_date;
  std::string known_ransomware;  // "Known", "Unknown"
  std::string required_action;
};

struct EpssScore {
  std::string cve;
  double epss = 0;        // probability of exploitation in the next 30 days, 0..1
  double percentile = 0;  // 0..1
  std::string date;       // the feed's score_date
};

// CVSS data from NVD for one CVE (NVD is a rating source, not an advisory with packages).
struct CveRatings {
  std::string cve;
  std::string published;
  std::string modified;
  std::string description;
  std::vector<SeverityRating> ratings;  // source "nvd" (and the CNA's, named by its source field)
  std::vector<std::string> cwes;
};

// What one importer produced from one input.
struct FeedBatch {
  std::vector<Advisory> advisories;
  std::vector<CveRatings> cve_ratings;
  std::vector<KevEntry> kev;
  std::vector<EpssScore> epss;
};

}  // namespace customs
