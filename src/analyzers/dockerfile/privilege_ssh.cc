// SSH servers in the shipped image: DF029. EXPOSE of port 22, installing an SSH server package,
// and starting sshd (RUN service/systemctl, CMD, ENTRYPOINT), in stages that ship.
#include <array>
#include <cctype>
#include <charconv>

#include "analyzers/dockerfile/privilege_checks.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs {

namespace {

bool parse_port(std::string_view s, int* port) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *port);
  return ec == std::errc() && p == s.data() + s.size();
}

// "22", "22/tcp", "20-30", "20-30/tcp" cover TCP port 22; "22/udp" does not.
bool exposes_ssh(std::string_view spec) {
  size_t slash = spec.find('/');
  if (slash != std::string_view::npos && !iequals(spec.substr(slash + 1), "tcp")) return false;
  std::string_view ports = spec.substr(0, slash);
  size_t dash = ports.find('-');
  int lo = 0;
  int hi = 0;
  if (dash == std::string_view::npos) return parse_port(ports, &lo) && lo == 22;
  return parse_port(ports.substr(0, dash), &lo) && parse_port(ports.substr(dash + 1), &hi) && lo <= 22 &&
         hi >= 22;
}

// Server packages; "openssh" is the server meta-package on Alpine only.
bool is_ssh_server_package(std::string_view word, PackageManager pm) {
  static constexpr std::array<std::string_view, 5> kServers{"openssh-server", "openssh-server-pam",
                                                            "dropbear", "dropbear-bin", "tinysshd"};
  auto matches = [&](std::string_view name) {
    if (word == name) return true;
    if (word.size() <= name.size() + 1 || word.substr(0, name.size()) != name) return false;
    char sep = word[name.size()];
    return sep == '=' || sep == '~' || sep == '<' || sep == '>' ||
           (sep == '-' && std::isdigit(static_cast<unsigned char>(word[name.size() + 1])));
  };
  for (std::string_view s : kServers)
    if (matches(s)) return true;
  return pm == PackageManager::kApk && matches("openssh");
}

bool is_ssh_daemon(std::string_view name) {
  std::string_view base = name.substr(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1);
  return base == "sshd" || base == "dropbear" || base == "tinysshd";
}

bool is_ssh_service(std::string_view name) {
  return name == "ssh" || name == "sshd" || name == "ssh.service" || name == "sshd.service" ||
         name == "dropbear";
}

// The word that starts an SSH server: sshd -D, service ssh start, systemctl enable sshd.
const ShellWord* ssh_start_word(const ShellCommand& cmd) {
  size_t i = effective_command_index(cmd);
  if (i >= cmd.argv.size()) return nullptr;
  std::string name = effective_command_name(cmd);
  if (is_ssh_daemon(name)) return &cmd.argv[i];
  if (name != "service" && name != "rc-service" && name != "systemctl" && name != "rc-update") return nullptr;
  for (size_t k = i + 1; k < cmd.argv.size(); ++k)
    if (is_ssh_service(cmd.argv[k].value)) return &cmd.argv[k];
  return nullptr;
}

void check_commands(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction& ins, const ShellCommand& cmd) {
    if (!ships_in_final_image(ctx.df, ins)) return;
    PackageManager pm = package_manager_of(cmd);
    for (const ShellWord* w : installed_packages(cmd))
      if (is_ssh_server_package(w->value, pm))
        out.report(rule, ctx.at(w->span), cmd.name() + " installs the SSH server " + w->value, w->value);
    if (const ShellWord* w = ssh_start_word(cmd))
      out.report(rule, ctx.at(w->span), "RUN sets up an SSH server to run (" + w->value + ")", w->value);
  });
}

// CMD and ENTRYPOINT that start sshd, in exec or shell form.
void check_entrypoints(const DockerfileContext& ctx, const Rule& rule, const Instruction& ins,
                       FindingSink& out) {
  if (ins.json_form) {
    std::vector<Word> words = instruction_words(ins);
    if (!words.empty() && is_ssh_daemon(words.front().value))
      out.report(rule, ctx.at(words.front().span),
                 ins.keyword + " starts the SSH server " + words.front().value, words.front().value);
    return;
  }
  for (const auto& cmd : ins.shell.commands)
    if (const ShellWord* w = ssh_start_word(cmd))
      out.report(rule, ctx.at(w->span), ins.keyword + " starts an SSH server (" + w->value + ")", w->value);
}

}  // namespace

void check_ssh_server(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  check_commands(ctx, rule, out);
  for (const auto& ins : ctx.df.instructions) {
    if (!ships_in_final_image(ctx.df, ins)) continue;
    if (ins.kind == InstructionKind::kCmd || ins.kind == InstructionKind::kEntrypoint)
      check_entrypoints(ctx, rule, ins, out);
    if (ins.kind != InstructionKind::kExpose) continue;
    for (const auto& w : instruction_words(ins))
      if (w.resolved && exposes_ssh(w.value))
        out.report(rule, ctx.at(w.span), "EXPOSE " + w.value + " publishes the SSH port 22",
                   "EXPOSE " + w.value);
  }
}

}  // namespace customs
