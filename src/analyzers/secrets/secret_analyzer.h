#pragma once
// The secrets FileAnalyzer: runs the secret scanner over every regular file of every layer (and of
// a root file system), archives (jar/war/ear/zip) entry by entry. Its records go into the on-disk
// layer cache, so they hold where a secret is, its masked form and its hash, never its value:
//   kind "secret"   path = the file, or "x.jar!/entry" inside an archive; data = a SecretRecord
//   kind "skipped"  a file (or archive entry) too large to scan; data = why
//   kind "note"     an archive that could not be read to its end; data = the message
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "analyzers/secrets/scanner.h"
#include "sources/image/layer_scan.h"

namespace customs {

inline constexpr std::string_view kSecretsAnalyzerPrefix = "secrets-";

// One secret as a record stores it.
struct SecretRecord {
  std::string rule_id;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
  std::string masked;
  std::string hash;
  std::string snippet;  // the line with every secret found in the text masked
};

// A deterministic one-line encoding (tab-separated, escaped); decode returns nullopt for bytes
// that are not one (a damaged cache entry).
std::string encode_secret_record(const SecretRecord& r);
std::optional<SecretRecord> decode_secret_record(std::string_view data);

// 8 hex digits naming the options and the rule table: part of the analyzer's name, so a changed
// customs.yaml or rule table is never served results cached under the old ones.
std::string secret_options_digest(const SecretScanOptions& options, std::span<const SecretRule> rules);

class SecretFileAnalyzer final : public FileAnalyzer {
 public:
  // `scanner` must outlive the analyzer; `rules` are the ones it was created with.
  explicit SecretFileAnalyzer(const SecretScanner& scanner,
                              std::span<const SecretRule> rules = secret_rules());

  std::string_view name() const override { return name_; }  // "secrets-<options digest>"
  int version() const override { return 1; }                // bump when records or validators change
  // Regular files the scanner wants by path: whole (archives up to archive-max-bytes), and one
  // byte of a file over the size limit, to record that it was skipped.
  uint64_t wants(const FsEntry& entry) const override;
  void analyze(const FsEntry& entry, std::string_view content, bool truncated,
               std::vector<AnalyzerRecord>& out) const override;

  const SecretScanner& scanner() const { return scanner_; }
  // The rule a record names, or nullptr.
  const SecretRule* find_rule(std::string_view id) const;

 private:
  uint64_t limit_for(std::string_view path) const;
  const SecretScanner& scanner_;
  std::span<const SecretRule> rules_;
  std::string name_;
};

}  // namespace customs
