// The Ruby rows: installed gem specifications, then Bundler lockfiles.
#include "catalog/ruby/ruby.h"

namespace customs {

std::vector<Cataloger> ruby_catalogers() { return {ruby_gemspec_cataloger(), ruby_gemfile_lock_cataloger()}; }

}  // namespace customs
