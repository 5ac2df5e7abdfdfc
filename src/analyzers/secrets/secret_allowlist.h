#pragma once
// Internal to the scanner: the paths that are not scanned and the values that are not reported.
// The built-in lists cover documentation, test fixtures and the keys vendors publish as examples;
// customs.yaml adds its own (SecretScanOptions::allow_paths / allow_values).
#include <memory>
#include <string_view>

#include "analyzers/secrets/scanner.h"
#include "core/result.h"

namespace re2 {
class RE2;
}

namespace customs {

class SecretAllowlist {
 public:
  SecretAllowlist();
  ~SecretAllowlist();
  SecretAllowlist(SecretAllowlist&&) noexcept;
  SecretAllowlist& operator=(SecretAllowlist&&) noexcept;

  // Fails (kInvalidInput) on a regex that does not compile, naming it.
  static Result<SecretAllowlist> create(const SecretScanOptions& options);
  bool path_allowed(std::string_view path) const;  // FsEntry form: "usr/share/doc/x"
  bool value_allowed(std::string_view secret) const;

 private:
  std::unique_ptr<re2::RE2> paths_;   // one alternation, or null
  std::unique_ptr<re2::RE2> values_;  // one alternation, or null
};

// The built-in lists (RE2 syntax), for docs/secrets.md and the tests.
std::span<const std::string_view> default_allowed_paths();
std::span<const std::string_view> default_allowed_values();

}  // namespace customs
