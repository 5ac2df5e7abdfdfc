// Transport and signature verification: DF008 (TLS off), DF009 (package signatures off),
// DF015 (plain HTTP).
#include <re2/re2.h>

#include <array>
#include <cctype>
#include <set>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/supply_chain_checks.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs {

namespace {

// A command (after sudo/env) and options of it that turn a verification off.
struct CommandFlags {
  std::string_view command;  // "pip" stands for every pip invocation (pip3, python -m pip)
  std::initializer_list<std::string_view> flags;
};

const std::array<CommandFlags, 5> kTlsFlags{{
    {"curl", {"--insecure", "--proxy-insecure"}},
    {"wget", {"--no-check-certificate"}},
    {"pip", {"--trusted-host"}},
    {"uv", {"--allow-insecure-host", "--trusted-host"}},
    {"composer", {"--disable-tls"}},
}};

const std::array<CommandFlags, 12> kSignatureFlags{{
    {"apt-get", {"--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"}},
    {"apt", {"--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"}},
    {"aptitude", {"--allow-untrusted", "--allow-unauthenticated"}},
    {"apk", {"--allow-untrusted"}},
    {"yum", {"--nogpgcheck", "--no-gpgcheck"}},
    {"dnf", {"--nogpgcheck", "--no-gpgcheck"}},
    {"tdnf", {"--nogpgcheck"}},
    {"microdnf", {"--nogpgcheck"}},
    {"zypper", {"--no-gpg-checks", "--no-gpgcheck"}},
    {"rpm", {"--nosignature", "--nodigest", "--nofiledigest", "--noverify"}},
    {"dpkg", {"--force-bad-verify", "--force-all"}},
    {"gem", {"--no-verify"}},
}};

// NAME=value settings that turn TLS verification off; `off` says which values do.
enum class Off { kZero, kTruthy, kFalsy, kAnyValue };
struct EnvSetting {
  std::string_view name;
  Off off;
};
const std::array<EnvSetting, 7> kTlsEnv{{
    {"NODE_TLS_REJECT_UNAUTHORIZED", Off::kZero},
    {"PYTHONHTTPSVERIFY", Off::kZero},
    {"GIT_SSL_NO_VERIFY", Off::kTruthy},
    {"NPM_CONFIG_STRICT_SSL", Off::kFalsy},
    {"YARN_ENABLE_STRICT_SSL", Off::kFalsy},
    {"PIP_TRUSTED_HOST", Off::kAnyValue},
    {"UV_INSECURE_HOST", Off::kAnyValue},
}};

bool is_truthy(std::string_view v) {
  return v == "1" || iequals(v, "true") || iequals(v, "yes") || iequals(v, "on");
}
bool is_falsy(std::string_view v) {
  return v == "0" || iequals(v, "false") || iequals(v, "no") || iequals(v, "off");
}

bool turns_off(Off off, std::string_view v) {
  switch (off) {
    case Off::kZero: return trim(v) == "0";
    case Off::kTruthy: return is_truthy(trim(v));
    case Off::kFalsy: return is_falsy(trim(v));
    case Off::kAnyValue: return !trim(v).empty();
  }
  return false;
}

// The tool name a flag table row is keyed by.
std::string tool_of(const ShellCommand& cmd) {
  if (package_manager_of(cmd) == PackageManager::kPip) return "pip";
  return effective_command_name(cmd);
}

const ShellWord* table_flag(const ShellCommand& cmd, std::span<const CommandFlags> table) {
  std::string tool = tool_of(cmd);
  for (const auto& row : table)
    if (row.command == tool) return find_flag_word(cmd, row.flags);
  return nullptr;
}

// "key value" / "key=value" settings in a command line: git http.sslVerify false, npm strict-ssl
// false, composer disable-tls true.
const ShellWord* tls_setting_word(const ShellCommand& cmd) {
  std::string tool = tool_of(cmd);
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    std::string w = to_lower(cmd.argv[i].value);
    while (!w.empty() && w[0] == '-') w.erase(0, 1);
    size_t eq = w.find('=');
    std::string key = w.substr(0, eq);
    std::string value =
        eq != std::string::npos ? w.substr(eq + 1) : (i + 1 < cmd.argv.size() ? cmd.argv[i + 1].value : "");
    bool hit = false;
    if (tool == "git")
      hit = key.size() >= 9 && key.compare(key.size() - 9, 9, "sslverify") == 0 && is_falsy(value);
    if (tool == "npm" || tool == "yarn" || tool == "pnpm")
      hit = (key == "strict-ssl" || key == "enablestrictssl") && is_falsy(value);
    if (tool == "composer") hit = key == "disable-tls" && is_truthy(value);
    if (tool == "pip") hit = key.size() > 13 && key.compare(key.size() - 13, 13, ".trusted-host") == 0;
    if (hit) return &cmd.argv[i];
  }
  return nullptr;
}

// curl -k, bundled or not, without mistaking a value ("-u keith") for it.
const ShellWord* curl_k(const ShellCommand& cmd) {
  if (effective_command_name(cmd) != "curl") return nullptr;
  return find_short_option(cmd, 'k', "AbcCdDeEFHKmoPQrtTuUwxXyYz");
}

// Text patterns written into config files: "gpgcheck=0", "[trusted=yes]", apt AllowUnauthenticated.
const RE2& signature_off_pattern() {
  static const RE2 re(R"((?i)((^|[^a-z0-9_])gpgcheck\s*=\s*(0|false|no)\b|\[[^\]]*\btrusted\s*=\s*yes|)"
                      R"(allow(unauthenticated|insecurerepositories)\b["'\s=]*(true|1|yes)))");
  return re;
}

const RE2& apt_http_pattern() {
  static const RE2 re(R"((?i)\bdeb(-src)?\s+(\[[^\]]*\]\s+)?http://([^\s/:\]]+))");
  return re;
}

// Where `re` matches in `text` (offsets of the whole match); npos when it does not.
std::pair<size_t, size_t> find_match(const RE2& re, std::string_view text, std::string* group3 = nullptr) {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m[4];
  if (!re.Match(input, 0, input.size(), RE2::UNANCHORED, m, 4)) return {std::string_view::npos, 0};
  if (group3 && m[3].data()) *group3 = std::string(m[3].data(), m[3].size());
  size_t b = static_cast<size_t>(m[0].data() - text.data());
  size_t e = b + m[0].size();
  while (b < e && !std::isalpha(static_cast<unsigned char>(text[b])) && text[b] != '[') ++b;  // the boundary
  return {b, e};
}

// Heredoc bodies that are data (COPY/ADD <<EOF, RUN cat <<EOF), not the RUN script itself.
std::vector<const SourceText*> data_heredocs(const Instruction& ins) {
  std::vector<const SourceText*> out;
  if (ins.kind != InstructionKind::kRun && ins.kind != InstructionKind::kCopy &&
      ins.kind != InstructionKind::kAdd)
    return out;
  if (ins.kind == InstructionKind::kRun && trim(ins.args.text).rfind("<<", 0) == 0) return out;
  for (const auto& h : ins.heredocs) out.push_back(&h.body);
  return out;
}

// Reports `re` matches in every RUN word and data heredoc; `message` gets the matched text.
// Commands for which `skip` is true are left out (their own checks cover them).
void report_pattern(const DockerfileContext& ctx, const Rule& rule, const RE2& re,
                    const std::function<bool(const std::string& group3)>& accept, std::string_view message,
                    const std::function<bool(const ShellCommand&)>& skip, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    if (skip(cmd)) return;
    for (size_t i = 1; i < cmd.argv.size(); ++i) {
      std::string g3;
      auto [b, e] = find_match(re, cmd.argv[i].value, &g3);
      if (b == std::string_view::npos || !accept(g3)) continue;
      out.report(rule, ctx.at(cmd.argv[i].span),
                 std::string(message) + " (" + cmd.argv[i].value.substr(b, e - b) + ")", command_text(cmd));
    }
  });
  for (const auto& ins : ctx.df.instructions) {
    for (const SourceText* body : data_heredocs(ins)) {
      std::string g3;
      auto [b, e] = find_match(re, body->text, &g3);
      if (b == std::string_view::npos || !accept(g3)) continue;
      std::string hit(trim(std::string_view(body->text).substr(b, e - b)));
      out.report(rule, ctx.at(body->span(b, e)), std::string(message) + " (" + hit + ")", hit);
    }
  }
}

}  // namespace

namespace {

const RE2& tls_off_pattern() {
  static const RE2 re(
      R"((?i)(check_certificate\s*=\s*off|(^|[^a-z0-9_])sslverify\s*=\s*(0|false|no)\b|strict-ssl\s*=\s*false))");
  return re;
}

// wget --check-certificate=off (or =quiet).
const ShellWord* wget_check_certificate_off(const ShellCommand& cmd) {
  if (effective_command_name(cmd) != "wget") return nullptr;
  for (const auto& fv : flag_values(cmd, "--check-certificate"))
    if (is_falsy(fv.value) || fv.value == "quiet") return fv.word;
  return nullptr;
}

// Tools whose settings tls_setting_word reads; the generic pattern leaves them alone.
bool has_own_tls_settings(const ShellCommand& cmd) {
  std::string tool = tool_of(cmd);
  return tool == "git" || tool == "npm" || tool == "yarn" || tool == "pnpm" || tool == "composer" ||
         tool == "pip";
}

bool any_command(const ShellCommand&) { return false; }
bool any_match(const std::string&) { return true; }

// Commands whose http:// arguments are downloads.
bool fetches_urls(const ShellCommand& cmd) {
  static const std::set<std::string, std::less<>> kFetchers{
      "curl", "wget", "git", "pip", "apk", "npm", "yarn", "pnpm", "gem", "composer", "aria2c", "svn"};
  return kFetchers.count(tool_of(cmd)) > 0;
}

bool is_remote_http(std::string_view url) {
  if (url.size() < 7 || !iequals(url.substr(0, 7), "http://")) return false;
  std::string host = url_host(url);
  return !host.empty() && host.find('$') == std::string::npos && !is_loopback_host(host);
}

// Settings that name a package index or proxy.
bool is_index_setting(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kNames{
      "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "NPM_CONFIG_REGISTRY", "YARN_REGISTRY",
      "GOPROXY",       "UV_INDEX_URL"};
  for (std::string_view n : kNames)
    if (iequals(n, name)) return true;
  return false;
}

void report_http_words(const DockerfileContext& ctx, const Rule& rule, const ShellCommand& cmd,
                       FindingSink& out) {
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    std::string_view v = cmd.argv[i].value;
    if (v.rfind("--", 0) == 0 && v.find('=') != std::string_view::npos) v = v.substr(v.find('=') + 1);
    if (!is_remote_http(v)) continue;
    out.report(rule, ctx.at(cmd.argv[i].span),
               tool_of(cmd) + " fetches " + std::string(v) + " over plain HTTP", command_text(cmd));
  }
}

}  // namespace

void check_tls_disabled(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    const ShellWord* w = curl_k(cmd);
    if (!w) w = table_flag(cmd, kTlsFlags);
    if (!w) w = tls_setting_word(cmd);
    if (!w) w = wget_check_certificate_off(cmd);
    if (!w) return;
    out.report(rule, ctx.at(w->span),
               tool_of(cmd) + " turns off TLS certificate verification with " + w->value, command_text(cmd));
  });
  for_each_assignment(ctx.df, [&](const Assignment& a) {
    if (!a.resolved) return;
    for (const auto& e : kTlsEnv) {
      if (!iequals(e.name, a.name) || !turns_off(e.off, a.value)) continue;
      out.report(rule, ctx.at(a.span), a.name + "=" + a.value + " turns off TLS certificate verification",
                 a.name + "=" + a.value);
    }
  });
  report_pattern(ctx, rule, tls_off_pattern(), any_match, "a configuration file turns off TLS verification",
                 has_own_tls_settings, out);
}

void check_signatures_disabled(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    const ShellWord* w = table_flag(cmd, kSignatureFlags);
    if (!w) return;
    out.report(rule, ctx.at(w->span),
               tool_of(cmd) + " installs without checking package signatures (" + w->value + ")",
               command_text(cmd));
  });
  report_pattern(ctx, rule, signature_off_pattern(), any_match, "package signature checks are turned off",
                 any_command, out);
}

void check_plain_http(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    if (fetches_urls(cmd)) report_http_words(ctx, rule, cmd, out);
  });
  for_each_instruction(ctx.df, InstructionKind::kAdd, [&](const Instruction&, const Instruction& ins) {
    if (ins.flag("checksum")) return;  // verified content: only its privacy is at stake
    for (const auto& src : copy_sources(ins))
      if (src.resolved && is_remote_http(src.value))
        out.report(rule, ctx.at(src.span), "ADD downloads " + src.value + " over plain HTTP", src.value);
  });
  for_each_assignment(ctx.df, [&](const Assignment& a) {
    if (!a.resolved || !is_index_setting(a.name)) return;
    for (const auto& part : split(replace_all(a.value, ",", " "), ' '))
      if (is_remote_http(trim(part)))
        out.report(rule, ctx.at(a.span),
                   a.name + " points at " + std::string(trim(part)) + " over plain HTTP",
                   a.name + "=" + a.value);
  });
  auto not_loopback = [](const std::string& host) { return !is_loopback_host(to_lower(host)); };
  report_pattern(ctx, rule, apt_http_pattern(), not_loopback, "an apt source uses plain HTTP", any_command,
                 out);
}

}  // namespace customs
