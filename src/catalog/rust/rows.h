#pragma once
// The rows of the rust ecosystem, one file each, gathered by rust_catalogers().
#include <string>
#include <string_view>

#include "catalog/catalog.h"

namespace customs {

Cataloger rust_binary_row();      // auditable.cc
Cataloger rust_cargo_lock_row();  // cargo_lock.cc

// Inflates zlib data, at most `max_output` bytes. kLimit when the bound is hit (a bomb),
// kInvalidInput for corrupt or truncated data.
Result<std::string> inflate_zlib(std::string_view compressed, size_t max_output);

}  // namespace customs
