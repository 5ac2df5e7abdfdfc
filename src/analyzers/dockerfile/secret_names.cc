// DF040 (secret-like ENV with a literal value) and DF041 (secret-like ARG), and the name
// classifier they share with DF045.
#include <algorithm>
#include <array>
#include <cctype>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/secret_rules.h"
#include "core/hash.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {

namespace {

template <size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Segments of a name, upper-cased: "dbPassword" -> DB PASSWORD, "API-KEY" -> API KEY.
std::vector<std::string> name_segments(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(to_upper(cur));
    cur.clear();
  };
  for (size_t i = 0; i < name.size() && i < 256; ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (!std::isalnum(c)) {
      flush();
      continue;
    }
    if (std::isupper(c) && !cur.empty() && std::islower(static_cast<unsigned char>(cur.back()))) flush();
    cur.push_back(static_cast<char>(c));
  }
  flush();
  return out;
}

// Whole segments that name a credential on their own.
constexpr std::array<std::string_view, 19> kSecretWords{
    "PASSWORD",    "PASSWD", "PASS",      "PASSPHRASE", "SECRET",      "SECRETS",   "TOKEN",
    "TOKENS",      "APIKEY", "ACCESSKEY", "SECRETKEY",  "PRIVATEKEY",  "AUTHTOKEN", "CREDENTIAL",
    "CREDENTIALS", "CREDS",  "AUTH",      "PRIVKEY",    "CLIENTSECRET"};
// Words that make a following KEY segment a credential (API_KEY, ACCESS_KEY ...).
constexpr std::array<std::string_view, 14> kKeyQualifiers{
    "API",  "ACCESS",  "PRIVATE", "SECRET", "SIGNING", "ENCRYPTION", "MASTER",
    "AUTH", "LICENSE", "CLIENT",  "SSH",    "SESSION", "SHARED",     "APP"};
// Last segments that make the variable describe or point at a credential rather than hold one.
constexpr std::array<std::string_view, 37> kBenignSuffixes{
    "FILE",   "FILES",    "PATH",     "DIR",    "DIRECTORY", "URL",     "URI",       "VERSION",
    "HOST",   "HOSTNAME", "PORT",     "USER",   "USERNAME",  "NAME",    "ID",        "TYPE",
    "MODE",   "METHOD",   "ENABLED",  "LENGTH", "TTL",       "TIMEOUT", "EXPIRY",    "EXPIRES",
    "HEADER", "FORMAT",   "ENDPOINT", "REGION", "ARN",       "REF",     "ALGORITHM", "SIZE",
    "ISSUER", "SERVER",   "PROVIDER", "SCOPE",  "LOCATION"};

constexpr std::array<std::string_view, 14> kSwitchValues{
    "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "disabled", "enabled", "y", "n"};

bool references_var(std::string_view text, std::string_view name) {
  auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t p = text.find('$'); p != std::string_view::npos; p = text.find('$', p + 1)) {
    size_t start = p + 1 + (p + 1 < text.size() && text[p + 1] == '{' ? 1 : 0);
    if (text.compare(start, name.size(), name) != 0) continue;
    size_t after = start + name.size();
    if (after >= text.size() || !name_char(text[after])) return true;
  }
  return false;
}

// The first instruction after `arg` in its stage that reads the ARG: a RUN (body or heredoc) or
// an ENV that copies it.
const Instruction* first_use(const DockerfileContext& ctx, const Instruction& arg, const std::string& name) {
  const Stage* stage = ctx.stage_of(arg);
  size_t self = instruction_index(ctx.df, arg);
  if (!stage || self == std::string::npos) return nullptr;
  for (size_t idx : stage->instructions) {
    if (idx <= self || idx >= ctx.df.instructions.size()) continue;
    const Instruction& ins = ctx.df.instructions[idx];
    if (const Instruction* run = run_of(ins)) {
      if (references_var(run->args.text, name)) return &ins;
      for (const auto& h : run->heredocs)
        if (!h.quoted && references_var(h.body.text, name)) return &ins;
    }
    if (ins.kind == InstructionKind::kEnv)
      for (const auto& kv : ins.pairs)
        if (references_var(kv.raw_value, name)) return &ins;
  }
  return nullptr;
}

Span pair_span(const KeyValue& kv) {
  return kv.has_value ? Span{kv.key_span.begin, kv.value_span.end} : kv.key_span;
}

}  // namespace

bool is_secret_like_name(std::string_view name) {
  std::vector<std::string> segs = name_segments(name);
  if (segs.empty() || in(kBenignSuffixes, segs.back())) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    if (in(kSecretWords, segs[i])) return true;
    if (segs[i] == "PWD" && segs.size() > 1) return true;  // bare PWD is the working directory
    if ((segs[i] == "KEY" || segs[i] == "KEYS") && i > 0 && in(kKeyQualifiers, segs[i - 1])) return true;
  }
  return false;
}

bool is_benign_secret_value(std::string_view raw_value, std::string_view value) {
  std::string_view v = trim(value);
  if (v.empty() || is_variable_reference(raw_value)) return true;
  if (in(kSwitchValues, to_lower(v))) return true;
  return v[0] == '/' || v.rfind("./", 0) == 0 || v.rfind("~/", 0) == 0;
}

std::string secret_key(std::string_view kind, std::string_view value) {
  return std::string(kind) + ":" + sha256_hex(value).substr(0, 16);
}

void check_secret_env(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& ins : ctx.df.instructions) {
    const Instruction& env = ins.onbuild ? *ins.onbuild : ins;
    if (env.kind != InstructionKind::kEnv) continue;
    for (const auto& kv : env.pairs) {
      if (!kv.has_value || !kv.expanded_all || !is_secret_like_name(kv.key)) continue;
      if (is_benign_secret_value(kv.raw_value, kv.value)) continue;
      bool ships = ships_in_final_image(ctx.df, ins);
      std::string msg = "ENV " + kv.key + " puts a literal secret into the " +
                        (ships ? "image config, where anyone who can pull the image reads it"
                               : "builder stage's config and the build cache");
      out.report(rule, ctx.at(pair_span(kv)), msg, kv.key + "=" + mask_secret(kv.value),
                 kv.key + ":" + sha256_hex(kv.value).substr(0, 16));
    }
  }
}

void check_secret_arg(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kArg) continue;
    for (const auto& kv : ins.pairs) {
      if (!is_secret_like_name(kv.key)) continue;
      bool has_default = kv.has_value && kv.expanded_all && !is_benign_secret_value(kv.raw_value, kv.value);
      if (has_default) {
        out.report(rule, ctx.at(pair_span(kv)),
                   "ARG " + kv.key +
                       " has a default secret value, written in the Dockerfile and recorded in "
                       "the image history of every RUN that follows",
                   kv.key + "=" + mask_secret(kv.value), kv.key + ":" + sha256_hex(kv.value).substr(0, 16));
        continue;
      }
      const Instruction* use = first_use(ctx, ins, kv.key);
      if (!use) continue;
      std::string how = use->kind == InstructionKind::kEnv ? "is copied into ENV" : "is used by RUN";
      out.report(rule, ctx.at(pair_span(kv)),
                 "ARG " + kv.key + " " + how + " at line " + std::to_string(use->span.begin.line) +
                     "; build-arg values show in `docker history` and the image config",
                 "ARG " + kv.key, kv.key);
    }
  }
}

}  // namespace customs
