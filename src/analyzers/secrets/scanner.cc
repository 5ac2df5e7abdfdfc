// SecretScanner: candidates from the RuleFinder (which also applies the keywords), then per rule
// the precise RE2 extraction, the entropy floor, the validator, the value allowlist, and overlap
// resolution by rule priority (table order).
#include "analyzers/secrets/scanner.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "analyzers/secrets/rule_finder.h"
#include "analyzers/secrets/secret_allowlist.h"
#include "core/hash.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {

struct ScanPass {
  std::unique_ptr<RuleFinder> finder;  // null when the pass has no rules
  std::vector<uint32_t> rules;         // finder index -> rule index
};

struct SecretScanner::Impl {
  SecretScanOptions options;
  std::vector<const SecretRule*> rules;     // active rules, priority order
  std::vector<std::unique_ptr<RE2>> exact;  // by rule index
  // The multi-pattern passes over the rules without a file_glob: every such rule for text, the
  // kSecretBinaryOk ones for binary files (unless options.scan_binaries).
  ScanPass text_pass;
  ScanPass binary_pass;
  std::vector<uint32_t> file_rules;  // rules with a file_glob: run where it names the file
  SecretAllowlist allow;
};

namespace {

constexpr size_t kSnippetMax = 160;

RE2::Options rule_options(const SecretRule& rule) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive((rule.flags & kSecretCaseless) == 0);
  o.set_dot_nl((rule.flags & kSecretMultiline) != 0);
  return o;
}

bool glob_matches(std::string_view glob, std::string_view base) {
  return glob.empty() || glob_match(glob, to_lower(base));
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The line(s) a match is on: from the start of its first line to the end of its last.
std::string_view lines_around(std::string_view text, size_t begin, size_t end) {
  size_t from = text.rfind('\n', begin == 0 ? 0 : begin - 1);
  from = (from == std::string_view::npos || begin == 0) ? 0 : from + 1;
  size_t to = text.find('\n', end);
  return text.substr(from, (to == std::string_view::npos ? text.size() : to) - from);
}

// The secret's line with the secret masked, cut to kSnippetMax bytes around it.
std::string make_snippet(std::string_view text, size_t begin, size_t end, const std::string& masked) {
  std::string_view line = lines_around(text, begin, begin);
  size_t line_start = static_cast<size_t>(line.data() - text.data());
  size_t secret_end = std::min(end, line_start + line.size());
  std::string out(line.substr(0, begin - line_start));
  out += masked;
  out += line.substr(secret_end - line_start);
  if (out.size() > kSnippetMax) {
    size_t at = begin - line_start;
    size_t from = at > kSnippetMax / 2 ? at - kSnippetMax / 2 : 0;
    out = out.substr(from, kSnippetMax);
  }
  return out;
}

struct Candidate {
  uint32_t rule;
  size_t begin, end;
};

bool overlaps(const Candidate& a, const Candidate& b) { return a.begin < b.end && b.begin < a.end; }

bool comment_line(std::string_view line) {
  size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos) return false;
  line.remove_prefix(at);
  for (std::string_view marker : {"#", "//", "/*", "*", "--", ";"})
    if (line.substr(0, marker.size()) == marker) return true;
  return false;
}

// Every match of one rule that passes its entropy floor, its validator and the value allowlist
// (and, for a generic rule, is not on a comment line).
void extract(uint32_t index, const SecretRule& rule, const RE2& re, std::string_view text,
             const SecretAllowlist& allow, std::vector<Candidate>& out) {
  int groups = std::min(re.NumberOfCapturingGroups(), 1);
  re2::StringPiece m[2];
  re2::StringPiece input(text.data(), text.size());
  size_t start = 0;
  while (start <= text.size() && re.Match(input, start, text.size(), RE2::UNANCHORED, m, groups + 1)) {
    size_t match_begin = static_cast<size_t>(m[0].data() - text.data());
    size_t match_end = match_begin + m[0].size();
    start = std::max(match_end, match_begin + 1);
    const re2::StringPiece& s = m[groups];
    if (s.data() == nullptr || s.empty()) continue;
    std::string_view secret(s.data(), s.size());
    if (shannon_entropy(secret) < rule.min_entropy) continue;
    std::string_view whole = text.substr(match_begin, match_end - match_begin);
    std::string_view line = lines_around(text, match_begin, match_end);
    if ((rule.flags & kSecretGeneric) != 0 && comment_line(line)) continue;
    if (rule.validate && !rule.validate(secret, whole, line)) continue;
    if (allow.value_allowed(secret)) continue;
    size_t begin = static_cast<size_t>(s.data() - text.data());
    out.push_back({index, begin, begin + secret.size()});
  }
}

// Lower rule index first; a candidate overlapping one already kept is dropped. Text order out.
std::vector<Candidate> keep_by_priority(std::vector<Candidate> all) {
  std::stable_sort(all.begin(), all.end(),
                   [](const Candidate& a, const Candidate& b) { return a.rule < b.rule; });
  std::vector<Candidate> kept;
  for (const Candidate& c : all)
    if (std::none_of(kept.begin(), kept.end(), [&](const Candidate& k) { return overlaps(k, c); }))
      kept.push_back(c);
  std::sort(kept.begin(), kept.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  return kept;
}

// 1-based line and column of offsets asked in increasing order, counting each byte once.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  std::pair<int, int> at(size_t offset) {
    if (offset < done_) std::tie(done_, line_, line_start_) = std::make_tuple(size_t{0}, 1, size_t{0});
    for (size_t i = done_; i < offset && i < text_.size(); ++i)
      if (text_[i] == '\n') {
        ++line_;
        line_start_ = i + 1;
      }
    done_ = std::max(done_, offset);
    return {line_, static_cast<int>(offset - line_start_ + 1)};
  }

 private:
  std::string_view text_;
  size_t done_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
};

}  // namespace

Status build_pass(const std::vector<const SecretRule*>& all, SecretBackend backend, ScanPass& pass) {
  if (pass.rules.empty()) return ok_status();
  std::vector<const SecretRule*> rules;
  rules.reserve(pass.rules.size());
  for (uint32_t i : pass.rules) rules.push_back(all[i]);
  auto finder =
      backend == SecretBackend::kHyperscan ? make_hyperscan_finder(rules) : make_re2_set_finder(rules);
  if (!finder.ok()) return finder.error();
  pass.finder = std::move(*finder);
  return ok_status();
}

std::string_view to_string(SecretBackend b) { return b == SecretBackend::kHyperscan ? "hyperscan" : "re2"; }

SecretScanner::SecretScanner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SecretScanner::~SecretScanner() = default;

const SecretScanOptions& SecretScanner::options() const { return impl_->options; }
size_t SecretScanner::rule_count() const { return impl_->rules.size(); }

Result<std::unique_ptr<SecretScanner>> SecretScanner::create(const SecretScanOptions& options,
                                                             std::span<const SecretRule> rules) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  for (const std::string& id : options.disabled_rules)
    if (std::none_of(rules.begin(), rules.end(), [&](const SecretRule& r) { return r.rule.id == id; }))
      return make_error(ErrorKind::kInvalidInput, "secrets: unknown rule id '" + id + "' in disabled rules");
  for (const SecretRule& r : rules) {
    if (std::find(options.disabled_rules.begin(), options.disabled_rules.end(), r.rule.id) !=
        options.disabled_rules.end())
      continue;
    auto re = std::make_unique<RE2>(re2::StringPiece(r.regex.data(), r.regex.size()), rule_options(r));
    if (!re->ok())
      return make_error(ErrorKind::kInvalidInput,
                        "secret rule " + std::string(r.rule.id) + ": bad regex: " + re->error());
    impl->rules.push_back(&r);
    impl->exact.push_back(std::move(re));
  }
  auto allow = SecretAllowlist::create(options);
  if (!allow.ok()) return allow.error();
  impl->allow = std::move(*allow);
  for (uint32_t i = 0; i < impl->rules.size(); ++i) {
    const SecretRule& r = *impl->rules[i];
    if (!r.file_glob.empty()) {
      impl->file_rules.push_back(i);
      continue;
    }
    impl->text_pass.rules.push_back(i);
    if ((r.flags & kSecretBinaryOk) != 0 || options.scan_binaries) impl->binary_pass.rules.push_back(i);
  }
  for (ScanPass* pass : {&impl->text_pass, &impl->binary_pass})
    if (auto built = build_pass(impl->rules, options.backend, *pass); !built.ok()) return built.error();
  return std::unique_ptr<SecretScanner>(new SecretScanner(std::move(impl)));
}

bool SecretScanner::wants_path(std::string_view path) const { return !impl_->allow.path_allowed(path); }

bool SecretScanner::looks_binary(std::string_view text) {
  return text.substr(0, 8192).find('\0') != std::string_view::npos;
}

std::vector<SecretHit> SecretScanner::scan(std::string_view path, std::string_view text) const {
  const Impl& im = *impl_;
  bool binary = looks_binary(text) && !im.options.scan_binaries;
  std::string_view base = base_name(path);
  std::vector<uint32_t> found;
  const ScanPass& pass = binary ? im.binary_pass : im.text_pass;
  if (pass.finder)
    for (uint32_t f : pass.finder->candidates(text)) found.push_back(pass.rules[f]);
  for (uint32_t i : im.file_rules)
    if (glob_matches(im.rules[i]->file_glob, base)) found.push_back(i);
  std::vector<Candidate> all;
  for (uint32_t i : found)
    if (!binary || (im.rules[i]->flags & kSecretBinaryOk) != 0)
      extract(i, *im.rules[i], *im.exact[i], text, im.allow, all);
  std::vector<SecretHit> hits;
  LineCounter lines(text);
  for (const Candidate& c : keep_by_priority(std::move(all))) {
    std::string_view secret = text.substr(c.begin, c.end - c.begin);
    SecretHit h;
    h.rule = im.rules[c.rule];
    h.begin = c.begin;
    h.end = c.end;
    std::tie(h.line, h.column) = lines.at(c.begin);
    std::tie(h.end_line, h.end_column) = lines.at(c.end);
    h.masked = mask_secret(secret);
    h.hash = "sha256:" + sha256_hex(secret).substr(0, 16);
    h.snippet = make_snippet(text, c.begin, c.end, h.masked);
    hits.push_back(std::move(h));
  }
  return hits;
}

const SecretScanner& default_secret_scanner() {
  static const std::unique_ptr<SecretScanner> scanner = [] {
    auto s = SecretScanner::create(SecretScanOptions{});
    if (!s.ok()) {  // the built-in rules compile (secret_rules_test): this is a broken build
      std::fprintf(stderr, "customs: internal error: %s\n", s.error().message.c_str());
      std::abort();
    }
    return std::move(*s);
  }();
  return *scanner;
}

}  // namespace customs
