#include "core/mask.h"

namespace customs {

std::string mask_secret(std::string_view value) {
  if (value.size() <= 8) return std::string(value.empty() ? 0 : 8, '*');
  size_t keep_head = value.size() >= 16 ? 4 : 2;
  size_t keep_tail = value.size() >= 16 ? 2 : 0;
  std::string out(value.substr(0, keep_head));
  out.append(value.size() - keep_head - keep_tail, '*');
  out.append(value.substr(value.size() - keep_tail));
  return out;
}

}  // namespace customs
