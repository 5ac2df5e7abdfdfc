#pragma once
// Internal to the image checks (IM001-IM021): the check functions the tables in config_checks.cc,
// history_checks.cc and file_checks.cc point at, and the helpers their files share.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/image/check.h"
#include "model/shell.h"

namespace customs {

// --- config (config_checks.cc, config_age.cc) ---
void check_root_user(const ImageContext& ctx, const Rule& rule, FindingSink& out);         // IM001
void check_no_healthcheck(const ImageContext& ctx, const Rule& rule, FindingSink& out);    // IM002
void check_env_secret(const ImageContext& ctx, const Rule& rule, FindingSink& out);        // IM003
void check_sensitive_volume(const ImageContext& ctx, const Rule& rule, FindingSink& out);  // IM004
void check_ssh_port(const ImageContext& ctx, const Rule& rule, FindingSink& out);          // IM005
void check_image_age(const ImageContext& ctx, const Rule& rule, FindingSink& out);         // IM006
void check_created_unknown(const ImageContext& ctx, const Rule& rule, FindingSink& out);   // IM007

// --- history (history_checks.cc, history_shell.cc) ---
void check_history_secrets(const ImageContext& ctx, const Rule& rule, FindingSink& out);  // IM008
void check_add_url(const ImageContext& ctx, const Rule& rule, FindingSink& out);          // IM009
void check_update_alone(const ImageContext& ctx, const Rule& rule, FindingSink& out);     // IM010
void check_sudo(const ImageContext& ctx, const Rule& rule, FindingSink& out);             // IM011
void check_history_upgrade(const ImageContext& ctx, const Rule& rule, FindingSink& out);  // IM012
void check_piped_script(const ImageContext& ctx, const Rule& rule, FindingSink& out);     // IM013

// --- files (file_credentials.cc, file_setuid.cc, file_accounts.cc, file_leftovers.cc) ---
void check_credential_files(const ImageContext& ctx, const Rule& rule, FindingSink& out);   // IM014
void check_setuid_unexpected(const ImageContext& ctx, const Rule& rule, FindingSink& out);  // IM015
void check_setuid_unusual(const ImageContext& ctx, const Rule& rule, FindingSink& out);     // IM016
void check_setuid_known(const ImageContext& ctx, const Rule& rule, FindingSink& out);       // IM017
void check_empty_password(const ImageContext& ctx, const Rule& rule, FindingSink& out);     // IM018
void check_duplicate_uid(const ImageContext& ctx, const Rule& rule, FindingSink& out);      // IM019
void check_duplicate_gid(const ImageContext& ctx, const Rule& rule, FindingSink& out);      // IM020
void check_leftovers(const ImageContext& ctx, const Rule& rule, FindingSink& out);          // IM021

// --- shared helpers ---

// A history `created_by` split into the instruction that made it. Understands the legacy builder
// ("/bin/sh -c #(nop)  ENV A=b", "|2 A=1 B=2 /bin/sh -c make"), BuildKit ("RUN |1 A=1 /bin/sh -c
// make # buildkit", "ENV A=b", "ADD https://x /y # buildkit") and kaniko/buildah ("RUN make").
struct HistoryCommand {
  std::string instruction;  // upper case: "RUN", "ENV", "ARG", "ADD", "COPY", "CMD" ...; "" unknown
  std::vector<std::pair<std::string, std::string>> build_args;  // RUN: the "|N K=V" prefix
  std::string args;  // RUN: the shell script (after "sh -c"); others: the text after the keyword
  bool buildkit = false;
};
HistoryCommand parse_created_by(std::string_view created_by);

// "K=V K2=V2" (ENV, ARG) as pairs; a word without '=' after the first takes the rest as its value
// (legacy "ENV K some value"). Bounded to 256 pairs.
std::vector<std::pair<std::string, std::string>> parse_assignments(std::string_view text);

// The commands of a RUN script from the history (positions are byte columns on line 1).
ShellScript parse_history_script(const std::string& script);

// Seconds since the epoch of an RFC 3339 time ("2024-05-01T12:00:00.123456789+02:00"); nullopt when
// it is not one (any field out of range, trailing text, missing zone).
std::optional<int64_t> parse_rfc3339(std::string_view text);

// Why a NAME=value looks like a secret: "a secret-like name" (is_secret_like_name, minus checksum
// names like *_SHA256, with a value that is not a switch or a path), "a value that looks like a
// GitHub token" (find_secret_values); "" when it does not.
std::string secret_reason(std::string_view name, std::string_view value);

// The location of history entry `entry`: its layer when it made one, else the config
// ("history[3]"), with the command in layer_created_by either way.
Location at_history(const ImageContext& ctx, size_t entry);

// A location of the whole image (aggregated findings).
Location at_image(const ImageContext& ctx);

// The final-view bytes of `path` after resolving symlinks, with the layer that wrote them and the
// resolved path (either may be null); nullptr when the path is absent or was not captured.
const std::string* final_file(const ImageContext& ctx, const std::string& path, size_t* layer,
                              std::string* resolved = nullptr);

// What kind of credential the image file at `path` (FsEntry::path form) is ("SSH private key",
// "AWS credentials file" ...); "" when none. Keys and certificates that packages ship for their
// tests and documentation are left out.
std::string image_credential_kind(std::string_view path);
// True when the credential kind is decided by the file's content (.npmrc, Docker config.json).
bool content_decides(std::string_view path);
// For such a file: true when `content` holds an auth token or registry auth.
bool holds_auth(std::string_view path, std::string_view content);

// Where a setuid/setgid regular file sits: a well-known program in a system directory, another
// program in a system directory, or anywhere else.
enum class SetuidClass { kKnown, kUnusual, kUnexpected };
SetuidClass classify_setuid(std::string_view path);

// Each line of `text` split on ':' with its 1-based line number; comments, blank lines and NIS
// "+"/"-" lines skipped. At most 100,000 lines.
struct ColonRecord {
  int line = 0;
  std::vector<std::string> fields;
};
std::vector<ColonRecord> colon_records(std::string_view text);

// "a, b, c and 4 more" of the first `max` items.
std::string examples(const std::vector<std::string>& items, size_t max = 5);

}  // namespace customs
