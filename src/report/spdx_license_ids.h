#pragma once
// The SPDX licence list, compiled in (no file is read at run time): what CycloneDX's license.id
// and an SPDX licence expression accept as a licence identifier.
#include <cstddef>
#include <optional>
#include <string_view>

namespace customs {

// The identifier as the SPDX list spells it ("mit" -> "MIT"), or nullopt when it is not listed.
// Identifiers match case-insensitively, as the SPDX specification says.
std::optional<std::string_view> canonical_spdx_license_id(std::string_view id);

// The whole list, sorted case-insensitively (for tests that compare it with the schema).
const std::string_view* spdx_license_ids_begin();
size_t spdx_license_ids_size();

}  // namespace customs
