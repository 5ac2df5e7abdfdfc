#pragma once
// Hashing: SHA-256 as lowercase hex.
#include <string>
#include <string_view>

namespace customs {

std::string sha256_hex(std::string_view bytes);

}  // namespace customs
