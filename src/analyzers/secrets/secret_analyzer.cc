#include "analyzers/secrets/secret_analyzer.h"

#include <algorithm>
#include <charconv>

#include "analyzers/secrets/archive_secrets.h"
#include "core/hash.h"
#include "core/strings.h"
#include "io/zip.h"

namespace customs {

namespace {

constexpr size_t kRecordFields = 8;

std::string escape_field(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  return out;
}

std::optional<std::string> unescape_field(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    char c = s[i];
    if (c != '\\' && c != 't' && c != 'n' && c != 'r') return std::nullopt;
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\\';
  }
  return out;
}

bool parse_int(std::string_view s, int& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out >= 0;
}

void add_hit(std::string_view analyzer, const std::string& path, const SecretHit& h,
             std::vector<AnalyzerRecord>& out) {
  SecretRecord r{
      std::string(h.rule->rule.id), h.line, h.column, h.end_line, h.end_column, h.masked, h.hash, h.snippet};
  out.push_back({std::string(analyzer), path, "secret", encode_secret_record(r)});
}

}  // namespace

std::string encode_secret_record(const SecretRecord& r) {
  std::vector<std::string> fields = {escape_field(r.rule_id),      std::to_string(r.line),
                                     std::to_string(r.column),     std::to_string(r.end_line),
                                     std::to_string(r.end_column), escape_field(r.masked),
                                     escape_field(r.hash),         escape_field(r.snippet)};
  return join(fields, "\t");
}

std::optional<SecretRecord> decode_secret_record(std::string_view data) {
  std::vector<std::string> fields = split(data, '\t');
  if (fields.size() != kRecordFields) return std::nullopt;
  SecretRecord r;
  if (!parse_int(fields[1], r.line) || !parse_int(fields[2], r.column) || !parse_int(fields[3], r.end_line) ||
      !parse_int(fields[4], r.end_column))
    return std::nullopt;
  auto id = unescape_field(fields[0]);
  auto masked = unescape_field(fields[5]);
  auto hash = unescape_field(fields[6]);
  auto snippet = unescape_field(fields[7]);
  if (!id || id->empty() || !masked || !hash || !snippet) return std::nullopt;
  r.rule_id = std::move(*id);
  r.masked = std::move(*masked);
  r.hash = std::move(*hash);
  r.snippet = std::move(*snippet);
  return r;
}

std::string secret_options_digest(const SecretScanOptions& o, std::span<const SecretRule> rules) {
  std::string m =
      "backend=" + std::string(to_string(o.backend)) + "\ndisabled=" + join(o.disabled_rules, ",") +
      "\npaths=" + join(o.allow_paths, "\x1f") + "\nvalues=" + join(o.allow_values, "\x1f") +
      "\ndefaults=" + (o.default_allowlists ? "1" : "0") + "\nmax=" + std::to_string(o.max_file_size) +
      "\nbinaries=" + (o.scan_binaries ? "1" : "0") + "\ndepth=" + std::to_string(o.archive_depth) +
      "\narchive=" + std::to_string(o.archive_max_bytes) + "\n";
  for (const SecretRule& r : rules) {
    m.append(r.rule.id).append("\x1f").append(r.keywords).append("\x1f").append(r.regex).append("\x1f");
    m += std::to_string(r.min_entropy) + "\x1f" + std::string(r.file_glob) + "\x1f" +
         std::to_string(r.flags) + "\n";
  }
  return sha256_hex(m).substr(0, 8);
}

SecretFileAnalyzer::SecretFileAnalyzer(const SecretScanner& scanner, std::span<const SecretRule> rules)
    : scanner_(scanner),
      rules_(rules),
      name_(std::string(kSecretsAnalyzerPrefix) + secret_options_digest(scanner.options(), rules)) {}

const SecretRule* SecretFileAnalyzer::find_rule(std::string_view id) const {
  for (const SecretRule& r : rules_)
    if (r.rule.id == id) return &r;
  return nullptr;
}

uint64_t SecretFileAnalyzer::limit_for(std::string_view path) const {
  const SecretScanOptions& o = scanner_.options();
  if (o.archive_depth > 0 && is_secret_archive_path(path))
    return std::max(o.max_file_size, o.archive_max_bytes);
  return o.max_file_size;
}

uint64_t SecretFileAnalyzer::wants(const FsEntry& entry) const {
  if (entry.type != EntryType::kFile || entry.size == 0 || !scanner_.wants_path(entry.path)) return 0;
  return entry.size > limit_for(entry.path) ? 1 : entry.size;
}

void SecretFileAnalyzer::analyze(const FsEntry& entry, std::string_view content, bool truncated,
                                 std::vector<AnalyzerRecord>& out) const {
  uint64_t limit = limit_for(entry.path);
  if (entry.size > limit || truncated) {
    std::string why = std::to_string(entry.size) + " bytes, over the " +
                      std::to_string(truncated && entry.size <= limit ? content.size() : limit) +
                      "-byte limit (secrets.max-file-size)";
    out.push_back({name_, entry.path, "skipped", why});
    return;
  }
  if (scanner_.options().archive_depth > 0 && is_secret_archive_path(entry.path) && looks_like_zip(content)) {
    ArchiveScanResult r = scan_archive_secrets(scanner_, entry.path, content);
    for (const ArchiveSecretHit& h : r.hits) add_hit(name_, h.path, h.hit, out);
    for (const ArchiveSkip& s : r.skipped) out.push_back({name_, s.path, "skipped", s.reason});
    for (const std::string& n : r.notes) out.push_back({name_, entry.path, "note", n});
    return;
  }
  for (const SecretHit& h : scan_masked(scanner_, entry.path, content)) add_hit(name_, entry.path, h, out);
}

}  // namespace customs
