#include "core/result.h"

namespace customs {

std::string Error::to_string() const {
  std::string at = where.to_string();
  return at.empty() ? message : at + ": " + message;
}

}  // namespace customs
