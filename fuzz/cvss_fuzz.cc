// libFuzzer target: score_cvss on arbitrary bytes. It must return a score or an error, never crash
// or hang; a score is within 0..10 with a rating, and its normal form scores the same and is its
// own normal form.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vulndb/cvss/cvss.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  customs::Result<customs::CvssScore> score = customs::score_cvss(bytes);
  if (!score.ok()) return 0;
  if (score->base_score < 0 || score->base_score > 10 || score->rating.empty()) __builtin_trap();
  customs::Result<customs::CvssScore> again = customs::score_cvss(score->vector);
  if (!again.ok()) __builtin_trap();
  if (again->base_score != score->base_score || again->vector != score->vector ||
      again->version != score->version || again->rating != score->rating) {
    __builtin_trap();
  }
  return 0;
}
