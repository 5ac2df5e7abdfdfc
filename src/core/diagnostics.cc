#include "core/diagnostics.h"

#include <algorithm>

namespace customs {

void Diagnostics::add(DiagLevel level, std::string code, std::string message, Location where) {
  items_.push_back(Diagnostic{level, std::move(code), std::move(message), std::move(where)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.level == DiagLevel::kError; });
}

const char* to_string(DiagLevel level) {
  switch (level) {
    case DiagLevel::kNote: return "note";
    case DiagLevel::kWarning: return "warning";
    case DiagLevel::kError: return "error";
  }
  return "error";
}

}  // namespace customs
