#pragma once
// Applying the mechanical fixes attached to findings (--fix) and showing them (--diff).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "findings/finding.h"

namespace customs {

struct FixOutcome {
  std::string text;  // the source with the edits applied
  int applied = 0;   // edits applied
  int skipped = 0;   // edits dropped because they overlapped an earlier one
};

// Applies edits (in any order) to `source`. Overlapping edits: the first in (line, column) order
// wins, the rest are skipped. Positions outside the source are an Error.
Result<FixOutcome> apply_edits(std::string_view source, std::vector<TextEdit> edits);

// A unified diff (like `diff -u`, 3 lines of context) of before/after, with "a/path" "b/path"
// headers; "" when they are equal.
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after);

}  // namespace customs
