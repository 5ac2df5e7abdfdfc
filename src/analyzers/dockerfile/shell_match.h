#pragma once
// Small queries over shell commands and instruction words that the supply-chain and privilege
// checks share: which word is the real command behind sudo/env, where a flag is, which words of a
// COPY/ADD/VOLUME are paths, and every NAME=value assignment a build sees.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/dockerfile.h"

namespace customs {

// Index in cmd.argv of the command that really runs, skipping wrappers and their options:
// "sudo -E bash -" -> 2 ("bash"); "env FOO=1 sh" -> 2; "exec nice -n 5 sh" -> 4. argv.size()
// when nothing is left.
size_t effective_command_index(const ShellCommand& cmd);
// The base name ("/bin/bash" -> "bash") of the word at effective_command_index(); "" when none.
std::string effective_command_name(const ShellCommand& cmd);

// The first argv word (after argv[0]) that is one of `flags`: an exact match, "--name=value" for a
// long flag, or a bundled short flag ("-fsSLk" holds "-k"). nullptr when there is none.
const ShellWord* find_flag_word(const ShellCommand& cmd, std::initializer_list<std::string_view> flags);

// The value of a flag that takes one: "--opt=value" or "--opt value" / "-o value" / "-ovalue".
// Returns (flag word, value) pairs for every occurrence.
struct FlagValue {
  const ShellWord* word = nullptr;  // the word holding the value (the flag word for "--opt=value")
  std::string value;
};
std::vector<FlagValue> flag_values(const ShellCommand& cmd, std::string_view long_or_short);

// getopt-style short option `letter` of a command, bundled or not ("-sSLk", "-qO-"). `valued` lists
// the command's short options that take a value, so "-ukeith" is -u with value "keith", not -k.
// Returns the word holding the option, and its value in *value when the letter is in `valued`
// (the rest of the bundle, or the next word). nullptr when absent.
const ShellWord* find_short_option(const ShellCommand& cmd, char letter, std::string_view valued,
                                   std::string* value = nullptr);

// True when `name` is a command interpreter that can run a script from stdin or a string
// (sh, bash, dash, ash, zsh, ksh, python*, perl, ruby, node, php).
bool is_interpreter(std::string_view name);

// A word of an instruction's arguments with where it is; for JSON forms the span of the string.
struct Word {
  std::string value;
  Span span;
  bool resolved = true;  // false when a variable in it had no known value
};

// All argument words of a shell-form or JSON-form instruction (COPY, ADD, VOLUME, EXPOSE...),
// heredoc markers ("<<EOF") left out.
std::vector<Word> instruction_words(const Instruction& ins);
// COPY/ADD: the sources (every word but the last); empty when there are fewer than two words.
std::vector<Word> copy_sources(const Instruction& ins);

// "type=bind,from=img,source=/x" -> {("type","bind"),("from","img"),("source","/x")}; keys lower-case.
std::vector<std::pair<std::string, std::string>> mount_options(std::string_view value);

// A NAME=value the build sees: ENV and ARG pairs, RUN "NAME=value cmd" prefixes,
// "export NAME=value" and "env NAME=value cmd".
struct Assignment {
  const Instruction* ins = nullptr;  // the ENV/ARG/RUN instruction
  std::string name;
  std::string value;
  Span span;             // NAME=value
  bool resolved = true;  // false when the value had an unknown variable
};
void for_each_assignment(const Dockerfile& df, const std::function<void(const Assignment&)>& fn);

// Every instruction of `kind`, with ONBUILD inner instructions included (passed as `ins`; `outer`
// is the ONBUILD instruction, or `ins` itself).
void for_each_instruction(const Dockerfile& df, InstructionKind kind,
                          const std::function<void(const Instruction& outer, const Instruction& ins)>& fn);

// The texts a RUN executes, with positions: its argument text, or its heredoc bodies when the
// script is a heredoc ("RUN <<EOF").
std::vector<const SourceText*> run_script_texts(const Instruction& ins);

// Host of an "http://host[:port]/..." URL, lower-case ("" when not a URL).
std::string url_host(std::string_view url);
// localhost, 127.0.0.0/8, ::1, 0.0.0.0: plain HTTP to these never leaves the machine.
bool is_loopback_host(std::string_view host);

}  // namespace customs
