// CISA's Known Exploited Vulnerabilities catalog (www.cisa.gov/known-exploited-vulnerabilities-
// catalog), as JSON ({"catalogVersion", "vulnerabilities": [{"cveID", ...}]}) and as CSV (a header
// row with the same field names). An entry without a CVE id is reported and skipped.
#include <array>

#include "core/strings.h"
#include "vulndb/import/feed_util.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

struct KevField {
  std::string_view name;  // the JSON key and CSV column
  std::string KevEntry::*member;
};

constexpr std::array<KevField, 8> kFields{{
    {"cveID", &KevEntry::cve},
    {"vendorProject", &KevEntry::vendor},
    {"product", &KevEntry::product},
    {"vulnerabilityName", &KevEntry::name},
    {"dateAdded", &KevEntry::date_added},
    {"dueDate", &KevEntry::due_date},
    {"knownRansomwareCampaignUse", &KevEntry::known_ransomware},
    {"requiredAction", &KevEntry::required_action},
}};

bool is_cve_id(std::string_view s) { return s.starts_with("CVE-") && s.size() > 9; }

}  // namespace

Result<FeedBatch> parse_kev_json(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  auto doc = parse_feed_json(bytes, name);
  if (!doc) return doc.error();
  const nlohmann::json* vulns = json_array_at(*doc, "vulnerabilities");
  if (vulns == nullptr || !doc->contains("catalogVersion"))
    return feed_error(name, "not a KEV catalog: expected \"catalogVersion\" and a \"vulnerabilities\" array");
  JsonLines lines(strip_bom(bytes), 2);
  FeedBatch batch;
  batch.kev.reserve(vulns->size());
  for (size_t i = 0; i < vulns->size(); ++i) {
    KevEntry e;
    for (const KevField& f : kFields) e.*f.member = json_str((*vulns)[i], f.name);
    if (!is_cve_id(e.cve)) {
      json_diag(diags, lines, name, {"vulnerabilities", std::to_string(i)}, "kev.bad-entry",
                "entry without a CVE id in \"cveID\"; skipped");
      continue;
    }
    batch.kev.push_back(std::move(e));
  }
  return batch;
}

Result<FeedBatch> parse_kev_csv(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  auto records = parse_csv(bytes, name, false);
  if (!records) return records.error();
  if (records->empty() || !csv_column(records->front(), "cveID"))
    return feed_error(name, "not a KEV catalog CSV: the first row has no \"cveID\" column", 1);
  std::array<std::optional<size_t>, kFields.size()> columns;
  for (size_t f = 0; f < kFields.size(); ++f) columns[f] = csv_column(records->front(), kFields[f].name);
  FeedBatch batch;
  batch.kev.reserve(records->size() - 1);
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    KevEntry e;
    for (size_t f = 0; f < kFields.size(); ++f) {
      if (columns[f] && *columns[f] < rec.fields.size())
        e.*kFields[f].member = std::string(trim(rec.fields[*columns[f]]));
    }
    if (!is_cve_id(e.cve)) {
      diags.warning("kev.bad-entry", "row without a CVE id in the cveID column; skipped",
                    feed_location(name, rec.line));
      continue;
    }
    batch.kev.push_back(std::move(e));
  }
  return batch;
}

}  // namespace customs
