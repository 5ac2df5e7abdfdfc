#pragma once
// Validators shared by the secret rule groups (SecretValidator signature: secret, match, line).
#include <string_view>

namespace customs {

// False for documentation placeholders: <password>, {token}, ${VAR}, %s, ****, xxxx, "changeme"
// style filler made of one repeated character, and values naming a variable or file.
bool not_placeholder(std::string_view secret, std::string_view match, std::string_view line);
// False when the secret contains "EXAMPLE" (AWS's documented keys) or is a run of one character.
bool not_example(std::string_view secret, std::string_view match, std::string_view line);
// True when the first dot-separated part is base64url JSON naming an algorithm ({"alg":...}).
bool jwt_header(std::string_view secret, std::string_view match, std::string_view line);

}  // namespace customs
