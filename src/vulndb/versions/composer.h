#pragma once
// Composer's version normalisation, exposed for tests and for messages that show what Composer
// would compare.
#include <optional>
#include <string>
#include <string_view>

namespace customs {

// composer/semver 3.3 VersionParser::normalize(): "v1.0-rc1" -> "1.0.0.0-RC1", "1.x-dev" ->
// "1.9999999.9999999.9999999-dev", "master" -> "dev-master"; nullopt where it throws.
std::optional<std::string> composer_normalize(std::string_view version);

}  // namespace customs
