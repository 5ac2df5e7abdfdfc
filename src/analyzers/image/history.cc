// Reading image history `created_by` strings back into the instruction that made them.
#include <algorithm>
#include <array>
#include <cctype>

#include "analyzers/image/image_rules.h"
#include "core/strings.h"
#include "sources/dockerfile/shell_parser.h"

namespace customs {

namespace {

constexpr size_t kMaxCreatedBy = 1 << 20;
constexpr size_t kMaxPairs = 256;

constexpr std::array<std::string_view, 18> kInstructions{
    "RUN",    "ENV",    "ARG",   "ADD",   "COPY",        "CMD",        "ENTRYPOINT", "USER",       "WORKDIR",
    "EXPOSE", "VOLUME", "LABEL", "SHELL", "HEALTHCHECK", "STOPSIGNAL", "ONBUILD",    "MAINTAINER", "FROM"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string_view first_word(std::string_view s) { return s.substr(0, s.find_first_of(" \t")); }

std::string_view after_word(std::string_view s) {
  size_t sp = s.find_first_of(" \t");
  return sp == std::string_view::npos ? std::string_view() : trim(s.substr(sp));
}

bool is_name(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

// "NAME=..." at the start of `s`. Looks at the name only, so scanning a long text word by word
// stays linear.
bool starts_assignment(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && i < 256 && s[i] != '=' && s[i] != ' ' && s[i] != '\t') ++i;
  return i < s.size() && s[i] == '=' && is_name(s.substr(0, i));
}

bool is_shell_name(std::string_view word) {
  std::string_view base = word.substr(word.rfind('/') == std::string_view::npos ? 0 : word.rfind('/') + 1);
  return base == "sh" || base == "bash" || base == "ash" || base == "dash" || base == "zsh" || base == "ksh";
}

// "-c", "-ec", "-exc": the option that makes a shell take its script from the next word.
bool is_dash_c(std::string_view w) {
  if (w.size() < 2 || w[0] != '-' || w.back() != 'c') return false;
  for (char c : w.substr(1))
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  return true;
}

// ["/bin/sh","-c","make"] -> its strings; empty when `s` is not such an array.
std::vector<std::string> json_strings(std::string_view s) {
  std::vector<std::string> out;
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return out;
  size_t i = 1;
  while (i < s.size() && out.size() < kMaxPairs) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    if (i >= s.size() || s[i] != '"') break;
    std::string cur;
    for (++i; i < s.size() && s[i] != '"'; ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      cur.push_back(s[i]);
    }
    ++i;
    out.push_back(std::move(cur));
  }
  return out;
}

// The script of "<shell> [options] -c <script>"; anything else is returned as it is.
std::string strip_shell(std::string_view s) {
  std::vector<std::string> exec = json_strings(s);
  if (!exec.empty()) {
    for (size_t i = 1; i + 1 < exec.size() && is_shell_name(exec[0]); ++i)
      if (is_dash_c(exec[i])) return exec[i + 1];
    return join(exec, " ");
  }
  if (!is_shell_name(first_word(s))) return std::string(s);
  std::string_view rest = after_word(s);
  for (int guard = 0; guard < 16 && !rest.empty(); ++guard) {
    std::string_view w = first_word(rest);
    rest = after_word(rest);
    if (is_dash_c(w)) return std::string(rest);
    if (w == "-o" || w == "+o")
      rest = after_word(rest);  // -o pipefail
    else if (w.empty() || (w[0] != '-' && w[0] != '+'))
      break;
  }
  return std::string(s);
}

// True when `s` starts a command rather than continuing a build-arg value.
bool starts_command(std::string_view s) {
  return !s.empty() && (s[0] == '[' || is_shell_name(first_word(s)));
}

// "|2 A=1 B=two words /bin/sh -c make": the pairs into `args`, the rest returned. Values may hold
// spaces: a value ends where the next pair (or, for the last, the command) starts.
std::string_view take_build_args(std::string_view s, std::vector<std::pair<std::string, std::string>>& args) {
  size_t i = 1, n = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && n < 100000)
    n = n * 10 + static_cast<size_t>(s[i++] - '0');
  std::string_view rest = trim(s.substr(i));
  for (size_t k = 0; k < n && k < kMaxPairs && starts_assignment(rest); ++k) {
    bool last = k + 1 == n;
    size_t end = rest.find(' ');
    while (end != std::string_view::npos) {
      std::string_view next = trim(rest.substr(end));
      if (last ? starts_command(next) : starts_assignment(next)) break;
      end = rest.find(' ', end + 1);
    }
    if (end == std::string_view::npos && last) end = rest.find(' ');  // no command seen: one word
    std::string_view pair = rest.substr(0, end);
    size_t eq = pair.find('=');
    args.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    rest = end == std::string_view::npos ? std::string_view() : trim(rest.substr(end));
  }
  return rest;
}

}  // namespace

HistoryCommand parse_created_by(std::string_view created_by) {
  HistoryCommand c;
  std::string_view s = trim(created_by.substr(0, kMaxCreatedBy));
  if (ends_with(s, "# buildkit")) {
    c.buildkit = true;
    s = trim(s.substr(0, s.size() - 10));
  }
  size_t nop = s.find("#(nop)");
  if (nop != std::string_view::npos &&
      (ends_with(trim(s.substr(0, nop)), "-c") || ends_with(trim(s.substr(0, nop)), "/C"))) {
    std::string_view rest = trim(s.substr(nop + 6));
    c.instruction = to_upper(first_word(rest));
    c.args = std::string(after_word(rest));
    return c;
  }
  std::string_view word = first_word(s);
  bool keyword = std::find(kInstructions.begin(), kInstructions.end(), word) != kInstructions.end();
  if (keyword && word != "RUN") {
    c.instruction = std::string(word);
    c.args = std::string(after_word(s));
    return c;
  }
  std::string_view rest = keyword ? after_word(s) : s;
  if (!keyword && !(rest.rfind('|', 0) == 0 || starts_command(rest))) return c;  // not a builder's
  c.instruction = "RUN";
  if (rest.rfind('|', 0) == 0) rest = take_build_args(rest, c.build_args);
  c.args = strip_shell(rest);
  return c;
}

std::vector<std::pair<std::string, std::string>> parse_assignments(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string_view rest = trim(text);
  if (!rest.empty() && !starts_assignment(rest)) {  // legacy "ENV NAME value with spaces"
    out.emplace_back(std::string(first_word(rest)), std::string(after_word(rest)));
    return out;
  }
  while (!rest.empty() && out.size() < kMaxPairs) {
    size_t end = rest.find(' ');
    while (end != std::string_view::npos && !starts_assignment(trim(rest.substr(end))))
      end = rest.find(' ', end + 1);
    std::string_view pair = trim(rest.substr(0, end));
    size_t eq = pair.find('=');
    out.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    rest = end == std::string_view::npos ? std::string_view() : trim(rest.substr(end));
  }
  return out;
}

ShellScript parse_history_script(const std::string& script) {
  SourceText text;
  text.text = script;
  text.pos.reserve(script.size());
  for (size_t i = 0; i < script.size(); ++i) text.pos.push_back({1, static_cast<int>(i) + 1});
  Diagnostics ignored;  // a history line that does not parse cleanly still yields its commands
  return parse_shell(text, "history", ignored);
}

}  // namespace customs
