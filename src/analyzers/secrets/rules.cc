// The built-in secret rule table: the group tables in priority order (specific rules before the
// generic context rules), and the helpers every group uses.
#include <array>
#include <cmath>
#include <vector>

#include "analyzers/secrets/secret_rule.h"

namespace customs {

std::span<const SecretRule> secret_rules() {
  static const std::vector<SecretRule> all = [] {
    std::vector<SecretRule> v;
    for (auto group : {private_key_secret_rules(), cloud_secret_rules(), code_host_secret_rules(),
                       registry_secret_rules(), saas_secret_rules(), generic_secret_rules()})
      v.insert(v.end(), group.begin(), group.end());
    return v;
  }();
  return all;
}

const SecretRule* find_secret_rule(std::string_view id) {
  for (const SecretRule& r : secret_rules())
    if (r.rule.id == id) return &r;
  return nullptr;
}

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<size_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double bits = 0;
  for (size_t n : counts) {
    if (n == 0) continue;
    double p = static_cast<double>(n) / static_cast<double>(s.size());
    bits -= p * std::log2(p);
  }
  return bits;
}

}  // namespace customs
