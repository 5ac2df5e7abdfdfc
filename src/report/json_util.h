#pragma once
// JSON pieces shared by the JSON reports (findings report, package inventory): one shape for a
// location and a diagnostic everywhere.
#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "core/location.h"

namespace customs {

using ojson = nlohmann::ordered_json;

// {"file", "line", "column", "end_line", "end_column"} and, when known, the layer and path.
ojson location_json(const Location& loc);
// {"level", "code", "message", "location"}.
ojson diagnostic_json(const Diagnostic& d);

}  // namespace customs
