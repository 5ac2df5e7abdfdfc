#pragma once
// PHP's version_compare() (ext/standard/versioning.c), which Composer uses on normalised versions.
#include <string_view>

namespace customs::langver {

// php_version_compare(a, b): -1, 0 or 1. The strings are read as C strings (up to a NUL byte).
// Canonicalisation puts "." at "-", "_", "+", other non-alphanumerics and digit/letter changes;
// parts compare as numbers (strtol, saturating), or as special forms by prefix (dev < alpha = a <
// beta = b < RC = rc < number < pl = p; anything else below dev); a longer version wins or loses
// by what its extra parts are against a number.
int php_version_compare(std::string_view a, std::string_view b);

}  // namespace customs::langver
