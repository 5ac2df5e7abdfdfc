#pragma once
// OSV schema 1.x importer: one OSV record (or an array of them) as JSON or YAML -> Advisory.
// Every advisory gets source "osv"; its own severities are rated by "ghsa" for GHSA ids, else by
// "osv" ("ubuntu" for the Ubuntu severity type). Withdrawn records are returned with `withdrawn` set.
#include <string_view>

#include "core/diagnostics.h"
#include "core/result.h"
#include "vulndb/advisory.h"

namespace customs {

// One record (a JSON object) gives one advisory; a JSON array of records gives one per element
// (a bad element is a diagnostic and is skipped). Errors: not JSON, no id, input over 64 MiB
// (kLimit), nesting deeper than 64 (kLimit), each with its location in `name`.
Result<FeedBatch> parse_osv_json(std::string_view bytes, std::string_view name, Diagnostics& diags);
// The same record in YAML (pypa/advisory-database). Scalars are read as their source text, so a
// version written 1.10 stays "1.10".
Result<FeedBatch> parse_osv_yaml(std::string_view bytes, std::string_view name, Diagnostics& diags);

}  // namespace customs
