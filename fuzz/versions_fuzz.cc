// libFuzzer target: every version scheme on two strings from the input (split at the first
// newline), and npm range satisfaction of the first by the second. Each comparator must return, never crash
// or hang, and be consistent: a valid version equals itself, and compare(a, b) and compare(b, a) agree on
// whether there is an answer and have opposite signs.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vulndb/versions/npm_range.h"
#include "vulndb/versions/version.h"

namespace {

constexpr std::array kSchemes = {
    customs::VersionScheme::kDpkg,   customs::VersionScheme::kApk,      customs::VersionScheme::kRpm,
    customs::VersionScheme::kSemver, customs::VersionScheme::kGo,       customs::VersionScheme::kPep440,
    customs::VersionScheme::kMaven,  customs::VersionScheme::kRubyGems, customs::VersionScheme::kComposer,
    customs::VersionScheme::kNuget,
};

int sign(int v) { return (v > 0) - (v < 0); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t cut = in.find('\n');
  std::string_view a = in.substr(0, cut);
  std::string_view b = cut == std::string_view::npos ? in : in.substr(cut + 1);
  for (customs::VersionScheme s : kSchemes) {
    auto aa = customs::compare_versions(s, a, a);
    if (aa && *aa != 0) std::abort();
    auto ab = customs::compare_versions(s, a, b);
    auto ba = customs::compare_versions(s, b, a);
    if (ab.has_value() != ba.has_value()) std::abort();
    if (ab && sign(*ab) != -sign(*ba)) std::abort();
    if (ab && (!customs::is_valid_version(s, a) || !customs::is_valid_version(s, b))) std::abort();
  }
  // npm ranges: a as the version, b as the range; an answer means both were valid.
  auto sat = customs::npm_range_satisfies(a, b);
  if (sat &&
      (!customs::npm_range_valid(b) || !customs::is_valid_version(customs::VersionScheme::kSemver, a))) {
    std::abort();
  }
  return 0;
}
