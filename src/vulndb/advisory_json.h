#pragma once
// The JSON form of an Advisory, as the store keeps it: OSV's field names where OSV has the field
// (id, aliases, related, summary, details, published, modified, withdrawn, severity, affected,
// references), customs' own for the rest (source, per-package state, note, severity_label).
#include <string>
#include <string_view>

#include "core/result.h"
#include "vulndb/advisory.h"

namespace customs {

std::string advisory_to_json(const Advisory& a);
// Reads what advisory_to_json wrote (kInvalidInput when the text is not such a document).
Result<Advisory> advisory_from_json(std::string_view text);

std::string_view to_string(RangeEvent::Kind k);  // "introduced", "fixed", "last_affected", "limit"

}  // namespace customs

namespace customs {

std::string cve_ratings_to_json(const CveRatings& r);
Result<CveRatings> cve_ratings_from_json(std::string_view text);
std::string kev_to_json(const KevEntry& k);
Result<KevEntry> kev_from_json(std::string_view text);

}  // namespace customs
