#pragma once
// customs.yaml: the user's settings (docs/config.md).
//   checks:     { disable: [IDS], enable: [IDS], severity: { ID: SEVERITY } }
//   registries: { trusted: [HOSTS] }
//   labels:     { required: [NAMES] }
//   fail-on:    SEVERITY | none
//   secrets:    { backend: hyperscan|re2, disable: [SE IDS], allow-paths: [RE2], allow-values: [RE2],
//                 default-allowlists: BOOL, max-file-size: SIZE, scan-binaries: BOOL,
//                 archive-depth: 0-8, archive-max-bytes: SIZE }   (SIZE: bytes, or N KiB/MiB/GiB)
// Every problem (malformed YAML, an unknown key, a wrong type, an unknown rule id, a bad severity)
// is an Error of kind kUsage located at the offending key or value (1-based line and column).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "analyzers/secrets/scanner.h"
#include "core/result.h"
#include "findings/policy.h"
#include "io/fs.h"

namespace customs {

struct Config {
  std::string path;  // the file it came from; "" when there was none
  Policy policy;
  bool has_fail_on = false;         // "fail-on" was given
  std::optional<Severity> fail_on;  // nullopt with has_fail_on: "none"
  SecretScanOptions secrets;
};

// Whether a rule id names a rule customs knows.
using RuleIdCheck = std::function<bool(std::string_view id)>;
// The real rule tables: every Dockerfile check, every pragma rule and every secret rule.
bool is_known_rule_id(std::string_view id);

// Parses config bytes; `file` is used only for error locations. Empty input is an empty Config.
Result<Config> parse_config(std::string_view bytes, const std::string& file,
                            const RuleIdCheck& known = is_known_rule_id);

// Loads `explicit_path` when not empty (a missing file is an error), else ./customs.yaml when it
// exists, else returns the default Config. All errors are kUsage.
Result<Config> load_config(const FsView& fs, const std::string& explicit_path);

inline constexpr uint64_t kMaxConfigBytes = 1 << 20;
inline constexpr const char* kDefaultConfigName = "customs.yaml";

}  // namespace customs
