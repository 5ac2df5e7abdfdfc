#include "vulndb/advisory.h"

#include <array>
#include <utility>

namespace customs {

namespace {
constexpr std::array<std::pair<FixState, std::string_view>, 5> kFixStateNames = {{
    {FixState::kAffected, "affected"},
    {FixState::kUnfixed, "unfixed"},
    {FixState::kWontFix, "wont-fix"},
    {FixState::kNotAffected, "not-affected"},
    {FixState::kEndOfLife, "end-of-life"},
}};
}  // namespace

std::string_view to_string(FixState s) {
  for (const auto& [state, name] : kFixStateNames) {
    if (state == s) return name;
  }
  return "affected";
}

std::optional<FixState> fix_state_from(std::string_view name) {
  for (const auto& [state, text] : kFixStateNames) {
    if (text == name) return state;
  }
  return std::nullopt;
}

}  // namespace customs
