#pragma once
// The secret scanner: one multi-pattern pass over a text (Hyperscan, or RE2::Set), then for each
// rule that matched its keywords, precise RE2 extraction, entropy and validation, the allowlists,
// and overlap resolution. Built once from the rule table and customs.yaml's `secrets:` section;
// scan() is thread-safe. The secret value itself never leaves scan(): a hit carries its position,
// a masked form and a hash.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/secrets/secret_rule.h"
#include "core/result.h"

namespace customs {

enum class SecretBackend { kHyperscan, kRe2Set };
std::string_view to_string(SecretBackend b);

// customs.yaml `secrets:`; the defaults are what `customs secrets` uses without a config.
struct SecretScanOptions {
  SecretBackend backend = SecretBackend::kHyperscan;
  std::vector<std::string> disabled_rules;  // rule ids
  // RE2 regexes. A path (FsEntry form, "app/.env") that matches allow_paths is not scanned; a
  // secret value that matches allow_values is not reported. The built-in lists (documentation,
  // test fixtures, known example keys such as AKIAIOSFODNN7EXAMPLE) apply unless
  // default_allowlists is false.
  std::vector<std::string> allow_paths;
  std::vector<std::string> allow_values;
  bool default_allowlists = true;
  uint64_t max_file_size = uint64_t{10} << 20;      // larger files are skipped (with a diagnostic)
  bool scan_binaries = false;                       // binary files: only kSecretBinaryOk rules unless set
  int archive_depth = 2;                            // zip/jar nesting scanned inside images
  uint64_t archive_max_bytes = uint64_t{64} << 20;  // total bytes read out of one archive
};

struct SecretHit {
  const SecretRule* rule = nullptr;
  size_t begin = 0;  // the secret's bytes in the scanned text: [begin, end)
  size_t end = 0;
  int line = 0;  // 1-based position of begin
  int column = 0;
  int end_line = 0;  // position of end (exclusive column)
  int end_column = 0;
  std::string masked;   // mask_secret(value)
  std::string hash;     // "sha256:" + the first 16 hex digits of sha256(value): names it without showing it
  std::string snippet;  // the line around the secret, the secret masked, at most 160 bytes
};

class SecretScanner {
 public:
  // Fails (kInvalidInput) on a bad allowlist regex or an unknown disabled rule id.
  static Result<std::unique_ptr<SecretScanner>> create(const SecretScanOptions& options,
                                                       std::span<const SecretRule> rules = secret_rules());
  ~SecretScanner();
  SecretScanner(const SecretScanner&) = delete;
  SecretScanner& operator=(const SecretScanner&) = delete;

  const SecretScanOptions& options() const;
  // False when the path is allowlisted (docs, tests, fixtures, or the user's allow_paths).
  bool wants_path(std::string_view path) const;
  // True when the first 8 KiB hold a NUL byte or mostly non-text bytes.
  static bool looks_binary(std::string_view text);

  // Every secret in `text`, in text order, without overlaps. `path` is the file's path (FsEntry
  // form) or "" for text that is not a file; it selects file_glob rules. Binary text is scanned
  // only by kSecretBinaryOk rules unless options().scan_binaries.
  std::vector<SecretHit> scan(std::string_view path, std::string_view text) const;

  // How many rules are active (built-in minus disabled).
  size_t rule_count() const;

 private:
  struct Impl;
  explicit SecretScanner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The scanner with default options, built on first use (for the Dockerfile and manifest checks).
const SecretScanner& default_secret_scanner();

}  // namespace customs
