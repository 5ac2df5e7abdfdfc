// The built-in allowlists and their matching.
#include "analyzers/secrets/secret_allowlist.h"

#include <re2/re2.h>

#include <string>

namespace customs {

namespace {

// Paths (FsEntry form, no leading '/'), matched unanchored: documentation, manuals, locales,
// header files, and test-fixture directories of any tree (packages ship test keys there).
constexpr std::string_view kAllowedPaths[] = {
    R"(^usr/share/(?:doc|man|info|locale|help|licenses|common-licenses|gtk-doc|javadoc)/)",
    R"(^usr/include/)",
    R"(^usr/share/lintian/)",
    R"((?:^|/)(?:test|tests|testdata|test-data|test_data|testing|__tests__|fixtures?|spec|specs)/)",
    R"((?:^|/)(?:examples?|samples?|demo|docs?)/)",
    R"(\.(?:md|markdown|rst|adoc|asciidoc)$)",
    R"((?:^|/)go/pkg/mod/cache/)",
};

// Values vendors publish in their documentation, and placeholders.
constexpr std::string_view kAllowedValues[] = {
    R"(^AKIAIOSFODNN7EXAMPLE$)",
    R"(^wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY$)",
    R"(^(?:x+|X+|\*+|\.+|0+|-+|_+)$)",
    R"(^<[^>]*>$)",
    R"(^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$)",
    R"(^\{\{.*\}\}$)",
    R"((?i)(?:default|dummy|fake|mock|sample|test)[-_.]?(?:test[-_.]?)?(?:token|key|secret|password)(?:[^A-Za-z0-9]|$))",
    R"((?i)^(?:your|my)[-_ ]?(?:api[-_ ]?)?(?:key|token|secret|password|pass)(?:[-_ ]?here)?$)",
    R"((?i)^(?:changeme|change_me|placeholder|redacted|example|dummy|secret|password|passw0rd|null|none|undefined)$)",
};

Result<std::unique_ptr<re2::RE2>> alternation(std::span<const std::string_view> builtin,
                                              const std::vector<std::string>& user, std::string_view what) {
  std::string pattern;
  auto add = [&](std::string_view p) -> Status {
    re2::RE2 one(re2::StringPiece(p.data(), p.size()), re2::RE2::Quiet);
    if (!one.ok())
      return make_error(ErrorKind::kInvalidInput, "secrets: bad " + std::string(what) + " regex '" +
                                                      std::string(p) + "': " + one.error());
    if (!pattern.empty()) pattern += '|';
    pattern += "(?:";
    pattern += p;
    pattern += ')';
    return ok_status();
  };
  for (std::string_view p : builtin)
    if (auto s = add(p); !s.ok()) return s.error();
  for (const std::string& p : user)
    if (auto s = add(p); !s.ok()) return s.error();
  if (pattern.empty()) return std::unique_ptr<re2::RE2>();
  return std::make_unique<re2::RE2>(pattern, re2::RE2::Quiet);
}

}  // namespace

SecretAllowlist::SecretAllowlist() = default;
SecretAllowlist::~SecretAllowlist() = default;
SecretAllowlist::SecretAllowlist(SecretAllowlist&&) noexcept = default;
SecretAllowlist& SecretAllowlist::operator=(SecretAllowlist&&) noexcept = default;

std::span<const std::string_view> default_allowed_paths() { return kAllowedPaths; }
std::span<const std::string_view> default_allowed_values() { return kAllowedValues; }

Result<SecretAllowlist> SecretAllowlist::create(const SecretScanOptions& options) {
  SecretAllowlist out;
  bool builtin = options.default_allowlists;
  auto paths = alternation(builtin ? default_allowed_paths() : std::span<const std::string_view>(),
                           options.allow_paths, "allow-paths");
  if (!paths.ok()) return paths.error();
  auto values = alternation(builtin ? default_allowed_values() : std::span<const std::string_view>(),
                            options.allow_values, "allow-values");
  if (!values.ok()) return values.error();
  out.paths_ = std::move(*paths);
  out.values_ = std::move(*values);
  return out;
}

bool SecretAllowlist::path_allowed(std::string_view path) const {
  return paths_ && re2::RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *paths_);
}

bool SecretAllowlist::value_allowed(std::string_view secret) const {
  return values_ && re2::RE2::PartialMatch(re2::StringPiece(secret.data(), secret.size()), *values_);
}

}  // namespace customs
