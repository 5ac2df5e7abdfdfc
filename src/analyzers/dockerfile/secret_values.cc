// DF042: literal secret values anywhere in the Dockerfile text (instructions, heredocs, comments).
#include <re2/re2.h>

#include <algorithm>
#include <memory>

#include "analyzers/dockerfile/secret_rules.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {

namespace {

bool decodes_to_jwt_header(std::string_view secret);
bool not_placeholder(std::string_view secret);
bool not_example(std::string_view secret) { return secret.find("EXAMPLE") == std::string_view::npos; }

struct Pattern {
  const char* kind;
  const char* regex;  // group 1 is the secret
  bool (*valid)(std::string_view secret);
};

// In priority order: when two matches overlap, the earlier pattern wins.
constexpr Pattern kPatterns[] = {
    {"private key", R"((-----BEGIN[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----))", nullptr},
    {"AWS access key id", R"(\b((?:AKIA|ASIA)[0-9A-Z]{16})\b)", not_example},
    {"AWS secret access key",
     R"((?i)aws_?secret_?access_?key["']?[\s=:"']+([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))", not_example},
    {"GitHub token", R"(\b(gh[pousr]_[A-Za-z0-9]{36})\b)", nullptr},
    {"GitHub token", R"(\b(github_pat_[A-Za-z0-9_]{22,255}))", nullptr},
    {"GitLab token", R"(\b(glpat-[A-Za-z0-9_\-]{20,}))", nullptr},
    {"Slack token", R"(\b(xox[baprs]-[A-Za-z0-9\-]{10,}))", nullptr},
    {"Stripe live key", R"(\b(sk_live_[A-Za-z0-9]{24,}))", nullptr},
    {"Google API key", R"(\b(AIza[0-9A-Za-z_\-]{35}))", nullptr},
    {"npm auth token", R"((?:_authToken|_auth|_password)\s*=\s*["']?([^\s"'$]+))", not_placeholder},
    {"JSON Web Token", R"(\b(eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{8,}))",
     decodes_to_jwt_header},
    {"password in URL", R"(\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'"]*:([^\s:/@'"$]+)@[A-Za-z0-9\[])",
     not_placeholder},
};

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-' || c == '+') return 62;
  if (c == '_' || c == '/') return 63;
  return -1;
}

// A JWT's first part is base64url JSON naming its algorithm: {"alg":"HS256",...}.
bool decodes_to_jwt_header(std::string_view secret) {
  std::string_view head = secret.substr(0, std::min(secret.find('.'), size_t{512}));
  std::string json;
  unsigned bits = 0;
  int nbits = 0;
  for (char c : head) {
    int v = base64url_value(c);
    if (v < 0) return false;
    bits = (bits << 6) | static_cast<unsigned>(v);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      json.push_back(static_cast<char>((bits >> nbits) & 0xFF));
    }
  }
  return !json.empty() && json[0] == '{' && json.find("\"alg\"") != std::string::npos;
}

// Documentation placeholders are not secrets: <password>, {token}, ****, "...", "xxx".
bool not_placeholder(std::string_view s) {
  if (s.empty() || s[0] == '<' || s[0] == '{' || s[0] == '%') return false;
  if (s.find_first_not_of("*.xX") == std::string_view::npos) return false;
  return true;
}

struct Compiled {
  const Pattern* pattern;
  std::unique_ptr<RE2> re;
};

const std::vector<Compiled>& compiled() {
  static const std::vector<Compiled> all = [] {
    std::vector<Compiled> v;
    for (const Pattern& p : kPatterns) v.push_back({&p, std::make_unique<RE2>(p.regex)});
    return v;
  }();
  return all;
}

bool overlaps(const SecretMatch& a, const SecretMatch& b) { return a.begin < b.end && b.begin < a.end; }

Pos position_of(const std::vector<size_t>& line_starts, size_t offset) {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts.begin());  // 1-based
  return Pos{static_cast<int>(line), static_cast<int>(offset - line_starts[line - 1] + 1)};
}

}  // namespace

std::vector<SecretMatch> find_secret_values(std::string_view text) {
  std::vector<SecretMatch> kept;
  re2::StringPiece input(text.data(), text.size());
  for (const Compiled& c : compiled()) {
    re2::StringPiece groups[2];
    size_t start = 0;
    while (start < text.size() && c.re->Match(input, start, text.size(), RE2::UNANCHORED, groups, 2)) {
      size_t whole_end = static_cast<size_t>(groups[0].data() - text.data()) + groups[0].size();
      SecretMatch m{static_cast<size_t>(groups[1].data() - text.data()), 0, c.pattern->kind};
      m.end = m.begin + groups[1].size();
      start = std::max(whole_end, start + 1);
      std::string_view secret = text.substr(m.begin, m.end - m.begin);
      if (c.pattern->valid && !c.pattern->valid(secret)) continue;
      if (std::none_of(kept.begin(), kept.end(), [&](const SecretMatch& k) { return overlaps(k, m); }))
        kept.push_back(std::move(m));
    }
  }
  std::sort(kept.begin(), kept.end(),
            [](const SecretMatch& a, const SecretMatch& b) { return a.begin < b.begin; });
  return kept;
}

void check_secret_values(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  std::string_view text = ctx.df.source;
  std::vector<size_t> line_starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  for (const SecretMatch& m : find_secret_values(text)) {
    std::string_view secret = text.substr(m.begin, m.end - m.begin);
    Span span{position_of(line_starts, m.begin), position_of(line_starts, m.end)};
    bool pem = m.kind == "private key";
    // A PEM header is the same for every key: fingerprint the key material after it instead.
    std::string_view material = pem ? text.substr(m.begin, 256) : secret;
    out.report(rule, ctx.at(span),
               "A literal " + m.kind +
                   " is written in the Dockerfile: it is in source control, in the build "
                   "log and, once built, in the image history or layers",
               pem ? std::string(secret) : mask_secret(secret), secret_key(m.kind, material));
  }
}

}  // namespace customs
