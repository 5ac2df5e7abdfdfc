#pragma once
// The importers of the feeds other than OSV (osv.h). Each takes the bytes of one input and the
// name to put in locations. A record it cannot understand is skipped and reported in `diags`
// at its line; input that is not the format at all is an error (kInvalidInput, located).
#include <string_view>

#include "core/diagnostics.h"
#include "core/result.h"
#include "vulndb/advisory.h"

namespace customs {

// Debian security tracker JSON export (security-tracker.debian.org/tracker/data/json):
// one Advisory per CVE (source "debian-tracker"), one Affected per (source package, release).
Result<FeedBatch> parse_debian_tracker_json(std::string_view bytes, std::string_view name,
                                            Diagnostics& diags);
// The tracker's DSA or DLA text list: one Advisory per DSA/DLA ("debian-dsa", "debian-dla").
Result<FeedBatch> parse_debian_list(std::string_view bytes, std::string_view name, Diagnostics& diags);
// One file of the vuln-list layout (vuln-list-debian/tracker/{CVE,DSA,DLA}/<id>.json): the
// tracker's parsed annotations. distributions.json and the source/ package indexes hold no
// advisory and are an error here.
Result<FeedBatch> parse_vuln_list_debian(std::string_view bytes, std::string_view name, Diagnostics& diags);
// Alpine secdb (secdb.alpinelinux.org/<v>/<repo>.json) or one package file of vuln-list/alpine:
// one Advisory per vulnerability id (source "alpine-secdb").
Result<FeedBatch> parse_alpine_secdb(std::string_view bytes, std::string_view name, Diagnostics& diags);
// NVD CVE API 2.0: a response ({"vulnerabilities":[{"cve":...}]}) or one CVE object (vuln-list-nvd).
Result<FeedBatch> parse_nvd_api2(std::string_view bytes, std::string_view name, Diagnostics& diags);
// NVD JSON 1.1 feeds ({"CVE_Items":[...]}).
Result<FeedBatch> parse_nvd_11(std::string_view bytes, std::string_view name, Diagnostics& diags);
// CISA Known Exploited Vulnerabilities catalog, JSON and CSV.
Result<FeedBatch> parse_kev_json(std::string_view bytes, std::string_view name, Diagnostics& diags);
Result<FeedBatch> parse_kev_csv(std::string_view bytes, std::string_view name, Diagnostics& diags);
// FIRST EPSS daily CSV ("#model_version:...,score_date:..." then "cve,epss,percentile").
Result<FeedBatch> parse_epss_csv(std::string_view bytes, std::string_view name, Diagnostics& diags);

}  // namespace customs
