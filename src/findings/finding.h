#pragma once
// Finding: one thing that is wrong, located, explained, and fingerprinted.
#include <optional>
#include <string>
#include <vector>

#include "core/location.h"
#include "findings/rule.h"
#include "findings/severity.h"

namespace customs {

// A mechanical edit of the scanned file, for --fix and --diff. Positions are 1-based
// (line, byte column); end is exclusive. An insertion has begin == end.
struct TextEdit {
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
  std::string replacement;
};

struct Finding {
  const Rule* rule = nullptr;             // never null for a reported finding
  Severity severity = Severity::kMedium;  // effective severity (after config overrides)
  std::string message;                    // specific to this occurrence: what exactly is wrong here
  Location location;
  std::string evidence;             // the offending text, secret values masked
  std::vector<TextEdit> fix_edits;  // empty when there is no safe mechanical fix
  // Stable across runs and line moves: hash of rule id, file, and a rule-chosen key (by default
  // the normalised evidence). Set by the FindingSink.
  std::string fingerprint;
  bool suppressed = false;
  std::string suppression_kind;    // "inline pragma", "config"
  std::string suppression_reason;  // the reason="..." text

  const std::string_view rule_id() const { return rule ? rule->id : std::string_view(); }
};

}  // namespace customs
