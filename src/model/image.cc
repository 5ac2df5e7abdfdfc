#include "model/image.h"

namespace customs {

std::string Platform::to_string() const {
  std::string s = os + "/" + architecture;
  if (!variant.empty()) s += "/" + variant;
  return s;
}

std::vector<int> history_index_of_layers(const ImageConfig& config) {
  std::vector<int> out;
  out.reserve(config.diff_ids.size());
  size_t h = 0;
  for (size_t layer = 0; layer < config.diff_ids.size(); ++layer) {
    while (h < config.history.size() && config.history[h].empty_layer) ++h;
    out.push_back(h < config.history.size() ? static_cast<int>(h) : -1);
    if (h < config.history.size()) ++h;
  }
  return out;
}

}  // namespace customs
