// DF090: variables that instructions expand at build time but no ARG or ENV declares.
// BuildKit expands $VAR in FROM (global ARGs only) and in ADD, COPY, ENV, EXPOSE, LABEL,
// STOPSIGNAL, USER, VOLUME, WORKDIR and ARG; RUN, CMD and ENTRYPOINT are expanded by the shell.
#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

#include "analyzers/dockerfile/structure_checks.h"
#include "core/strings.h"

namespace customs::structure {

namespace {

// ARGs BuildKit defines without a declaration (platform, proxy and BuildKit settings).
constexpr std::array<std::string_view, 22> kPredefined{
    "TARGETPLATFORM", "TARGETOS",          "TARGETARCH",
    "TARGETVARIANT",  "BUILDPLATFORM",     "BUILDOS",
    "BUILDARCH",      "BUILDVARIANT",      "TARGETSTAGE",
    "HTTP_PROXY",     "http_proxy",        "HTTPS_PROXY",
    "https_proxy",    "FTP_PROXY",         "ftp_proxy",
    "NO_PROXY",       "no_proxy",          "ALL_PROXY",
    "all_proxy",      "SOURCE_DATE_EPOCH", "BUILDKIT_INLINE_CACHE",
    "BUILDKIT_SYNTAX"};

// Variables base images commonly set, which this Dockerfile cannot see. Not used for FROM.
constexpr std::array<std::string_view, 30> kImageEnv{"PATH",
                                                     "HOME",
                                                     "HOSTNAME",
                                                     "USER",
                                                     "LANG",
                                                     "LANGUAGE",
                                                     "LC_ALL",
                                                     "TERM",
                                                     "PWD",
                                                     "SHELL",
                                                     "TZ",
                                                     "LD_LIBRARY_PATH",
                                                     "PYTHONPATH",
                                                     "JAVA_HOME",
                                                     "GOPATH",
                                                     "GOROOT",
                                                     "CARGO_HOME",
                                                     "RUSTUP_HOME",
                                                     "GEM_HOME",
                                                     "BUNDLE_PATH",
                                                     "NODE_PATH",
                                                     "NODE_VERSION",
                                                     "PYTHON_VERSION",
                                                     "GOLANG_VERSION",
                                                     "JAVA_VERSION",
                                                     "RUBY_VERSION",
                                                     "PHP_INI_DIR",
                                                     "CATALINA_HOME",
                                                     "VIRTUAL_ENV",
                                                     "CONDA_DIR"};

template <size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

struct VarRef {
  std::string name;
  size_t begin = 0;          // offset of '$'
  size_t end = 0;            // one past the reference
  bool has_default = false;  // ${NAME:-x}, ${NAME-x}, ${NAME:+x}, ${NAME+x}
};

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// References in `text` outside single quotes and not escaped, in order.
std::vector<VarRef> find_refs(std::string_view text, char escape) {
  std::vector<VarRef> refs;
  bool single = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (single) {
      single = c != '\'';
      continue;
    }
    if (c == escape) {
      ++i;
      continue;
    }
    if (c == '\'') single = true;
    if (c != '$' || i + 1 >= text.size()) continue;
    bool braced = text[i + 1] == '{';
    size_t n = i + 1 + (braced ? 1 : 0);
    if (n >= text.size() || !name_start(text[n])) continue;
    size_t e = n;
    while (e < text.size() && name_char(text[e])) ++e;
    VarRef ref{std::string(text.substr(n, e - n)), i, e, false};
    if (braced) {
      size_t close = text.find('}', e);
      std::string_view mod = text.substr(e, close == std::string_view::npos ? 0 : close - e);
      ref.has_default =
          mod.starts_with(":-") || mod.starts_with("-") || mod.starts_with(":+") || mod.starts_with("+");
      ref.end = close == std::string_view::npos ? text.size() : close + 1;
    }
    i = ref.end - 1;
    refs.push_back(std::move(ref));
  }
  return refs;
}

// The bytes of a one-line span of the source, with their positions.
SourceText span_text(const std::vector<std::string_view>& lines, const Span& s) {
  SourceText out;
  if (s.begin.line < 1 || static_cast<size_t>(s.begin.line) > lines.size() || s.end.line != s.begin.line)
    return out;
  std::string_view line = lines[static_cast<size_t>(s.begin.line) - 1];
  for (int col = s.begin.column; col < s.end.column && static_cast<size_t>(col) <= line.size(); ++col)
    out.append(line[static_cast<size_t>(col) - 1], Pos{s.begin.line, col});
  return out;
}

bool expanded_at_build(InstructionKind k) {
  using K = InstructionKind;
  for (K x : {K::kFrom, K::kAdd, K::kCopy, K::kEnv, K::kExpose, K::kLabel, K::kStopsignal, K::kUser,
              K::kVolume, K::kWorkdir, K::kArg})
    if (k == x) return true;
  return false;
}

struct Scope {
  std::set<std::string> declared;  // ARG and ENV names usable here
  std::set<std::string> globals;   // ARGs declared before the first FROM
};

class Checker {
 public:
  Checker(const DockerfileContext& ctx, const Rule& rule, FindingSink& out)
      : ctx_(ctx), rule_(rule), out_(out) {
    lines_ = split_lines(ctx.df.source);
  }

  // Checks every reference in `ins` against `scope`.
  void check(const Instruction& ins, const Scope& scope) {
    std::set<std::string> seen;
    auto scan = [&](const SourceText& t) {
      for (const VarRef& r : find_refs(t.text, ctx_.df.escape)) {
        if (r.has_default || scope.declared.count(r.name) || in(kPredefined, r.name) ||
            !seen.insert(r.name).second)
          continue;
        bool from = ins.kind == InstructionKind::kFrom;
        if (!from && in(kImageEnv, r.name)) continue;
        out_.report(rule_, ctx_.at(t.span(r.begin, r.end)), message(r.name, from, scope), "$" + r.name,
                    r.name);
      }
    };
    for (const Flag& f : ins.flags) scan(span_text(lines_, f.span));
    scan(ins.args);
  }

 private:
  static std::vector<std::string_view> split_lines(std::string_view s) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= s.size()) {
      size_t nl = s.find('\n', start);
      if (nl == std::string_view::npos) nl = s.size();
      std::string_view line = s.substr(start, nl - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      out.push_back(line);
      start = nl + 1;
    }
    return out;
  }

  static std::string message(const std::string& name, bool from, const Scope& scope) {
    if (from)
      return "$" + name + " in FROM is not declared by an ARG before this FROM, so it expands to \"\"";
    if (scope.globals.count(name))
      return "$" + name + " is declared before the first FROM but not in this stage; add `ARG " + name +
             "` after FROM to use it";
    return "$" + name +
           " is not declared by ARG or ENV before this line; it expands to \"\" unless the base image "
           "sets it";
  }

  const DockerfileContext& ctx_;
  const Rule& rule_;
  FindingSink& out_;
  std::vector<std::string_view> lines_;
};

void declare(const Instruction& ins, std::set<std::string>& names) {
  for (const KeyValue& kv : ins.pairs) names.insert(kv.key);
}

}  // namespace

void undefined_variable(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  const Dockerfile& df = ctx.df;
  Checker checker(ctx, rule, out);
  Scope global;
  std::vector<std::set<std::string>> stage_env(df.stages.size());
  // Global ARGs and each FROM, in file order: FROM sees only the global ARGs declared above it.
  for (const Instruction& ins : df.instructions) {
    if (ins.kind == InstructionKind::kFrom) checker.check(ins, global);
    if (ins.stage < 0 && ins.kind == InstructionKind::kArg) {
      checker.check(ins, global);
      declare(ins, global.declared);
    }
  }
  global.globals = global.declared;
  for (const Stage& s : df.stages) {
    Scope scope;
    scope.globals = global.globals;
    if (s.index < 0 || static_cast<size_t>(s.index) >= df.stages.size()) continue;
    if (s.base_stage >= 0 && s.base_stage < s.index)
      scope.declared = stage_env[static_cast<size_t>(s.base_stage)];
    std::set<std::string> env = scope.declared;
    for (size_t idx : s.instructions) {
      if (idx >= df.instructions.size()) continue;
      const Instruction& ins = df.instructions[idx];
      if (ins.kind == InstructionKind::kFrom || !expanded_at_build(ins.kind)) continue;
      checker.check(ins, scope);
      declare(ins, scope.declared);
      if (ins.kind == InstructionKind::kEnv) declare(ins, env);
    }
    stage_env[static_cast<size_t>(s.index)] = env;
  }
}

}  // namespace customs::structure
