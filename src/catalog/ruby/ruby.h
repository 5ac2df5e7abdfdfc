#pragma once
// The Ruby rows of ruby_catalogers() and the Ruby literal reader the gemspec row uses.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace customs {

// Reads one Ruby literal as RubyGems writes them into specifications: a string ("a", 'a',
// %q<a>, %q{a}, %Q(a), each optionally followed by .freeze) or an array of such strings. Returns
// the strings (one for a string literal), or nullopt for any other expression. `text` is the
// right-hand side of an assignment; what follows the literal (" if s.respond_to? ...") is ignored.
std::optional<std::vector<std::string>> parse_ruby_strings(std::string_view text);

Cataloger ruby_gemspec_cataloger();
Cataloger ruby_gemfile_lock_cataloger();

}  // namespace customs
