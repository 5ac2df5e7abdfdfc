// FIRST's EPSS daily scores (epss.cyentia.com/epss_scores-YYYY-MM-DD.csv.gz, unpacked): an
// optional first line "#model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000", a header
// "cve,epss,percentile", then one row per CVE. The score date is kept as the file gives it.
#include <charconv>

#include "core/strings.h"
#include "vulndb/import/feed_util.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

// The score_date of the comment line ("" when the file has none).
std::string score_date(std::string_view bytes) {
  bytes = strip_bom(bytes);
  if (bytes.empty() || bytes.front() != '#') return {};
  size_t nl = bytes.find('\n');
  std::string_view first = bytes.substr(1, nl == std::string_view::npos ? std::string_view::npos : nl - 1);
  for (const std::string& part : split(first, ',')) {
    size_t colon = part.find(':');
    if (colon != std::string::npos && trim(std::string_view(part).substr(0, colon)) == "score_date")
      return std::string(trim(std::string_view(part).substr(colon + 1)));
  }
  return {};
}

// A probability in [0, 1]; nullopt for anything else.
std::optional<double> probability(std::string_view text) {
  text = trim(text);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v >= 0 && v <= 1)) return std::nullopt;
  return v;
}

}  // namespace

Result<FeedBatch> parse_epss_csv(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  auto records = parse_csv(bytes, name, true);
  if (!records) return records.error();
  if (records->empty()) return feed_error(name, "not an EPSS CSV: no header row");
  const CsvRecord& header = records->front();
  std::optional<size_t> cve = csv_column(header, "cve");
  std::optional<size_t> epss = csv_column(header, "epss");
  std::optional<size_t> pct = csv_column(header, "percentile");
  if (!cve || !epss)
    return feed_error(name, "not an EPSS CSV: the header has no \"cve\" and \"epss\" columns", header.line);
  std::string date = score_date(bytes);
  FeedBatch batch;
  batch.epss.reserve(records->size() - 1);
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    EpssScore s;
    s.date = date;
    std::optional<double> e = *epss < rec.fields.size() ? probability(rec.fields[*epss]) : std::nullopt;
    std::optional<double> p =
        pct && *pct < rec.fields.size() ? probability(rec.fields[*pct]) : std::optional<double>(0);
    if (*cve < rec.fields.size()) s.cve = std::string(trim(rec.fields[*cve]));
    if (!s.cve.starts_with("CVE-") || !e || !p) {
      diags.warning("epss.bad-row", "row is not a CVE id with scores between 0 and 1; skipped",
                    feed_location(name, rec.line));
      continue;
    }
    s.epss = *e;
    s.percentile = *p;
    batch.epss.push_back(std::move(s));
  }
  return batch;
}

}  // namespace customs
