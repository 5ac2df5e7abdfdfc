#pragma once
// Diagnostics are not failures: a located note about input we could only partly understand.
// The work goes on; the diagnostics are reported next to the findings.
#include <string>
#include <vector>

#include "core/location.h"

namespace customs {

enum class DiagLevel { kNote, kWarning, kError };

struct Diagnostic {
  DiagLevel level = DiagLevel::kWarning;
  std::string code;     // short stable id, e.g. "parse.unterminated-heredoc"
  std::string message;  // one sentence, no trailing period
  Location where;
};

class Diagnostics {
 public:
  void add(DiagLevel level, std::string code, std::string message, Location where);
  void error(std::string code, std::string message, Location where) {
    add(DiagLevel::kError, std::move(code), std::move(message), std::move(where));
  }
  void warning(std::string code, std::string message, Location where) {
    add(DiagLevel::kWarning, std::move(code), std::move(message), std::move(where));
  }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  bool has_errors() const;

 private:
  std::vector<Diagnostic> items_;
};

const char* to_string(DiagLevel level);

}  // namespace customs
