#include "analyzers/dockerfile/shell_match.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/strings.h"

namespace customs {

namespace {

// A command that runs another command: its options that take a value, and how many positional
// words (a user, a duration) come before the wrapped command.
struct Wrapper {
  std::string_view name;
  std::initializer_list<std::string_view> value_flags;
  int positionals = 0;
};

const std::array<Wrapper, 12> kWrappers{{
    {"sudo", {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"}, 0},
    {"doas", {"-u", "-C"}, 0},
    {"env", {"-u", "-C", "-S"}, 0},
    {"exec", {"-a"}, 0},
    {"nice", {"-n"}, 0},
    {"nohup", {}, 0},
    {"time", {"-f", "-o"}, 0},
    {"command", {}, 0},
    {"stdbuf", {"-i", "-o", "-e"}, 0},
    {"timeout", {"-s", "-k"}, 1},
    {"gosu", {}, 1},
    {"su-exec", {}, 1},
}};

std::string base_name(std::string_view word) {
  size_t slash = word.rfind('/');
  return std::string(slash == std::string_view::npos ? word : word.substr(slash + 1));
}

const Wrapper* find_wrapper(std::string_view name) {
  for (const auto& w : kWrappers)
    if (w.name == name) return &w;
  return nullptr;
}

bool is_assignment(std::string_view w) {
  size_t eq = w.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  return std::all_of(w.begin(), w.begin() + static_cast<long>(eq),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// Skips one wrapper's options and positionals starting after the wrapper word at `i`.
size_t skip_wrapper(const ShellCommand& cmd, const Wrapper& w, size_t i) {
  ++i;
  int positionals = w.positionals;
  while (i < cmd.argv.size()) {
    const std::string& v = cmd.argv[i].value;
    if (v == "--") return i + 1;
    if (w.name == "env" && is_assignment(v)) {
      ++i;
      continue;
    }
    if (!v.empty() && v[0] == '-') {
      bool valued = std::find(w.value_flags.begin(), w.value_flags.end(), v) != w.value_flags.end();
      i += valued ? 2 : 1;
      continue;
    }
    if (positionals-- > 0) {
      ++i;
      continue;
    }
    break;
  }
  return i;
}

bool short_bundle_has(std::string_view word, char letter) {
  if (word.size() < 3 || word[0] != '-' || word[1] == '-') return false;
  if (word.find('=') != std::string_view::npos) return false;
  return word.find(letter, 1) != std::string_view::npos;
}

bool word_matches_flag(std::string_view w, std::string_view f) {
  if (w == f) return true;
  bool is_long = f.size() > 2 && f.substr(0, 2) == "--";
  if (is_long) return w.size() > f.size() && w.substr(0, f.size()) == f && w[f.size()] == '=';
  if (f.size() == 2 && f[0] == '-' && f[1] != '-') return short_bundle_has(w, f[1]);
  return false;
}

}  // namespace

size_t effective_command_index(const ShellCommand& cmd) {
  size_t i = 0;
  for (int guard = 0; guard < 8 && i < cmd.argv.size(); ++guard) {
    const Wrapper* w = find_wrapper(base_name(cmd.argv[i].value));
    if (!w) return i;
    i = skip_wrapper(cmd, *w, i);
  }
  return i;
}

std::string effective_command_name(const ShellCommand& cmd) {
  size_t i = effective_command_index(cmd);
  return i < cmd.argv.size() ? base_name(cmd.argv[i].value) : "";
}

const ShellWord* find_flag_word(const ShellCommand& cmd, std::initializer_list<std::string_view> flags) {
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    if (cmd.argv[i].value == "--") return nullptr;
    for (std::string_view f : flags)
      if (word_matches_flag(cmd.argv[i].value, f)) return &cmd.argv[i];
  }
  return nullptr;
}

std::vector<FlagValue> flag_values(const ShellCommand& cmd, std::string_view flag) {
  std::vector<FlagValue> out;
  bool is_long = flag.size() > 2 && flag.substr(0, 2) == "--";
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (w == flag) {
      if (i + 1 < cmd.argv.size()) out.push_back({&cmd.argv[i + 1], cmd.argv[i + 1].value});
      ++i;
    } else if (is_long && w.size() > flag.size() && w.compare(0, flag.size(), flag) == 0 &&
               w[flag.size()] == '=') {
      out.push_back({&cmd.argv[i], w.substr(flag.size() + 1)});
    } else if (!is_long && w.size() > flag.size() && w.compare(0, flag.size(), flag) == 0) {
      out.push_back({&cmd.argv[i], w.substr(flag.size())});
    }
  }
  return out;
}

const ShellWord* find_short_option(const ShellCommand& cmd, char letter, std::string_view valued,
                                   std::string* value) {
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (w == "--") return nullptr;
    if (w.size() < 2 || w[0] != '-' || w[1] == '-') continue;
    for (size_t k = 1; k < w.size(); ++k) {
      bool takes_value = valued.find(w[k]) != std::string_view::npos;
      if (w[k] == letter) {
        if (value && takes_value)
          *value =
              k + 1 < w.size() ? w.substr(k + 1) : (i + 1 < cmd.argv.size() ? cmd.argv[i + 1].value : "");
        return &cmd.argv[i];
      }
      if (takes_value) {
        if (k + 1 == w.size()) ++i;  // the value is the next word
        break;
      }
    }
  }
  return nullptr;
}

bool is_interpreter(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kShells{"sh",  "bash", "dash", "ash",  "zsh",
                                                            "ksh", "perl", "ruby", "node", "php"};
  if (std::find(kShells.begin(), kShells.end(), name) != kShells.end()) return true;
  if (name.rfind("python", 0) != 0) return false;
  return std::all_of(name.begin() + 6, name.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

std::vector<Word> instruction_words(const Instruction& ins) {
  std::vector<Word> out;
  if (ins.json_form) {
    size_t from = 0;
    for (const auto& e : ins.exec) {
      size_t at = ins.args.text.find(e, from);
      Span span = at == std::string::npos ? ins.span : ins.args.span(at, at + e.size());
      if (at != std::string::npos) from = at + e.size();
      out.push_back({e, span, true});
    }
    return out;
  }
  for (const auto& w : ins.words) {
    if (w.raw.rfind("<<", 0) == 0) continue;
    out.push_back({w.value, w.span, w.expanded_all});
  }
  return out;
}

std::vector<Word> copy_sources(const Instruction& ins) {
  std::vector<Word> words = instruction_words(ins);
  bool heredoc = !ins.heredocs.empty();
  if (words.size() < 2 && !(heredoc && words.size() == 1)) return {};
  words.pop_back();
  return words;
}

std::vector<std::pair<std::string, std::string>> mount_options(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& part : split(value, ',')) {
    std::string_view p = trim(part);
    if (p.empty()) continue;
    size_t eq = p.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(to_lower(p), "");
    } else {
      out.emplace_back(to_lower(p.substr(0, eq)), std::string(p.substr(eq + 1)));
    }
  }
  return out;
}

namespace {

void assignments_of_run(const Instruction& ins, const ShellCommand& cmd,
                        const std::function<void(const Assignment&)>& fn) {
  auto emit = [&](const ShellWord& w) {
    size_t eq = w.value.find('=');
    if (!is_assignment(w.value)) return;
    bool resolved = w.value.find('$') == std::string::npos;
    fn(Assignment{&ins, w.value.substr(0, eq), w.value.substr(eq + 1), w.span, resolved});
  };
  for (const auto& w : cmd.env) emit(w);
  std::string name = cmd.name();
  if (name != "export" && name != "env") return;
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    if (!is_assignment(cmd.argv[i].value)) {
      if (name == "env" && !cmd.argv[i].value.empty() && cmd.argv[i].value[0] != '-') break;
      continue;
    }
    emit(cmd.argv[i]);
  }
}

}  // namespace

void for_each_assignment(const Dockerfile& df, const std::function<void(const Assignment&)>& fn) {
  for (const auto& ins : df.instructions) {
    if (ins.kind == InstructionKind::kEnv || ins.kind == InstructionKind::kArg) {
      for (const auto& kv : ins.pairs) {
        if (!kv.has_value) continue;
        Span span{kv.key_span.begin, kv.value_span.end};
        if (kv.raw_value.empty()) span.end = kv.key_span.end;
        fn(Assignment{&ins, kv.key, kv.value, span, kv.expanded_all});
      }
    }
    const Instruction* run = ins.kind == InstructionKind::kRun ? &ins : ins.onbuild.get();
    if (!run || run->kind != InstructionKind::kRun) continue;
    for (const auto& cmd : run->shell.commands) assignments_of_run(ins, cmd, fn);
  }
}

void for_each_instruction(const Dockerfile& df, InstructionKind kind,
                          const std::function<void(const Instruction& outer, const Instruction& ins)>& fn) {
  for (const auto& ins : df.instructions) {
    if (ins.kind == kind) fn(ins, ins);
    if (ins.onbuild && ins.onbuild->kind == kind) fn(ins, *ins.onbuild);
  }
}

std::vector<const SourceText*> run_script_texts(const Instruction& ins) {
  std::vector<const SourceText*> out;
  std::string_view args = trim(ins.args.text);
  if (!ins.heredocs.empty() && args.rfind("<<", 0) == 0) {
    for (const auto& h : ins.heredocs) out.push_back(&h.body);
  } else {
    out.push_back(&ins.args);
  }
  return out;
}

std::string url_host(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    return to_lower(authority.substr(1, close == std::string_view::npos ? authority.size() - 1 : close - 1));
  }
  return to_lower(authority.substr(0, authority.find(':')));
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "::1" || host == "0.0.0.0" || host.rfind("127.", 0) == 0 ||
         (host.size() > 10 && host.substr(host.size() - 10) == ".localhost");
}

}  // namespace customs
