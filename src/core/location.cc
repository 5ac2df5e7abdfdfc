#include "core/location.h"

namespace customs {

std::string Location::to_string() const {
  std::string out = file;
  if (!layer_digest.empty()) out += (out.empty() ? "" : "@") + layer_digest;
  if (!path.empty()) out += (out.empty() ? "" : ":") + path;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

}  // namespace customs
