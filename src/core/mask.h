#pragma once
// Masking of secret values: the value is never shown in full anywhere.
#include <string>
#include <string_view>

namespace customs {

// Keeps at most the first 4 and last 2 characters of long values (fewer for short ones) and
// replaces the rest with '*'. Values of 8 characters or fewer are fully masked.
std::string mask_secret(std::string_view value);

}  // namespace customs
