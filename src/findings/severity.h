#pragma once
#include <optional>
#include <string_view>

namespace customs {

// Ordered: a higher value is more severe.
enum class Severity { kInfo = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };

const char* to_string(Severity s);  // "info", "low", "medium", "high", "critical"
// Case-insensitive; also accepts "moderate" for medium. nullopt for anything else.
std::optional<Severity> severity_from(std::string_view name);

}  // namespace customs
