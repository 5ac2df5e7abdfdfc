#include "sources/dockerfile/parser.h"

#include <unordered_map>

#include "core/strings.h"
#include "sources/dockerfile/instruction.h"
#include "sources/dockerfile/lexer.h"
#include "sources/dockerfile/scope.h"
#include "sources/dockerfile/stages.h"

namespace customs {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Walks the lexed lines in order, keeping the variable scopes and the stage list current.
class TreeBuilder {
 public:
  TreeBuilder(Dockerfile& df, Diagnostics& diags) : df_(df), diags_(diags), ctx_{df.path, diags, df.escape} {}

  void add(const df::LogicalLine& line) {
    InstructionKind kind = instruction_kind_from(first_word(line.text.text));
    bool global = kind == InstructionKind::kFrom || df_.stages.empty();
    Instruction ins =
        df::build_instruction(line, global ? scopes_.global_lookup() : scopes_.stage_lookup(), ctx_);
    if (line.empty_continuation)
      diags_.warning("dockerfile.empty-continuation",
                     "empty continuation line inside " + to_upper(ins.keyword), at(ins.span.begin));
    size_t index = df_.instructions.size();
    if (kind == InstructionKind::kFrom) start_stage(ins, index);
    if (df_.stages.empty()) {
      if (kind == InstructionKind::kArg) {
        scopes_.global_arg(ins);
      } else if (!missing_from_reported_) {
        missing_from_reported_ = true;
        diags_.error("dockerfile.missing-from", "no FROM before " + to_upper(ins.keyword),
                     at(ins.keyword_span.begin));
      }
    } else {
      ins.stage = static_cast<int>(df_.stages.size()) - 1;
      if (ins.onbuild) ins.onbuild->stage = ins.stage;
      df_.stages.back().instructions.push_back(index);
      if (kind == InstructionKind::kArg) scopes_.stage_arg(ins);
      if (kind == InstructionKind::kEnv) scopes_.stage_env(ins);
    }
    df_.instructions.push_back(std::move(ins));
  }

  // A file of global ARGs only has no stage to build (BuildKit refuses it too).
  void finish() {
    if (!df_.stages.empty() || missing_from_reported_ || df_.instructions.empty()) return;
    diags_.error("dockerfile.no-stage", "no FROM instruction: the file has no build stage",
                 at(df_.instructions.front().keyword_span.begin));
  }

 private:
  static std::string_view first_word(std::string_view t) {
    size_t e = 0;
    while (e < t.size() && t[e] != ' ' && t[e] != '\t') ++e;
    return t.substr(0, e);
  }

  Location at(Pos p) const { return Location{df_.path, p.line, p.column}; }

  void start_stage(const Instruction& from, size_t index) {
    Stage s;
    s.index = static_cast<int>(df_.stages.size());
    s.from_span = from.span;
    s.from_instruction = index;
    const Flag* p = from.flag("platform");
    if (p && p->has_value) s.platform = p->raw.substr(p->raw.find('=') + 1);  // as written
    const auto& w = from.words;
    if (!w.empty()) {
      s.base_raw = w[0].raw;
      s.base = w[0].value;
      s.base_resolved = w[0].expanded_all;
      // By alias only ("FROM 0" is an image); the latest stage of that name.
      if (auto it = latest_stage_.find(to_lower(s.base)); it != latest_stage_.end())
        s.base_stage = it->second;
    }
    if (w.size() == 3 && iequals(w[1].value, "as")) {
      s.name = to_lower(w[2].value);
      check_stage_name(s.name, from.words[2].span.begin);
    } else if (w.size() != 1 && !w.empty()) {
      diags_.error("dockerfile.bad-from", "FROM takes an image and an optional AS name", at(from.args.at(0)));
    }
    if (!s.name.empty()) latest_stage_[s.name] = s.index;
    scopes_.start_stage(s.base_stage);
    df_.stages.push_back(std::move(s));
  }

  // BuildKit: stage names match ^[a-z][a-z0-9-_.]*$ and are unique.
  void check_stage_name(const std::string& name, Pos where) {
    bool valid = !name.empty() && name[0] >= 'a' && name[0] <= 'z';
    for (char c : name)
      valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
    if (!valid) diags_.error("dockerfile.bad-stage-name", "invalid name for build stage: " + name, at(where));
    if (latest_stage_.count(name))
      diags_.error("dockerfile.duplicate-stage", "duplicate stage name " + name, at(where));
  }

  Dockerfile& df_;
  Diagnostics& diags_;
  df::BuildContext ctx_;
  df::ScopeTracker scopes_;
  bool missing_from_reported_ = false;
  std::unordered_map<std::string, int> latest_stage_;  // stage name (lower case) to its last index
};

// The 1-based line and column (in bytes) of offset `off`.
Location location_of(std::string_view bytes, size_t off, const std::string& path) {
  std::string_view before = bytes.substr(0, off);
  size_t nl = before.rfind('\n');
  int line = 1;
  for (char c : before) line += c == '\n';
  int column = static_cast<int>(nl == std::string_view::npos ? off : off - nl - 1) + 1;
  return Location{path, line, column};
}

}  // namespace

Result<Dockerfile> parse_dockerfile(std::string_view bytes, const std::string& path, Diagnostics& diags,
                                    const DockerfileParseLimits& limits) {
  if (bytes.size() > limits.max_bytes)
    return make_error(ErrorKind::kLimit,
                      "Dockerfile larger than " + std::to_string(limits.max_bytes) + " bytes",
                      Location{path});
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos)
    return make_error(ErrorKind::kInvalidInput, "not a Dockerfile: binary content (NUL byte)",
                      location_of(bytes, nul, path));
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  Dockerfile df;
  df.path = path;
  df.source = std::string(bytes);  // without the byte-order mark: positions index into this
  df::LexedFile lexed = df::lex_dockerfile(df.source, path, diags, limits.max_instructions);
  if (lexed.lines.empty())
    return make_error(ErrorKind::kInvalidInput,
                      df.source.find_first_not_of(" \t\r\n") == std::string::npos
                          ? "not a Dockerfile: the file is empty"
                          : "not a Dockerfile: no instruction, only comments or blank lines",
                      Location{path});
  df.directives = std::move(lexed.directives);
  df.escape = lexed.escape;
  df.comments = std::move(lexed.comments);
  TreeBuilder builder(df, diags);
  for (const auto& line : lexed.lines) builder.add(line);
  builder.finish();
  df::link_stages(df);
  return df;
}

}  // namespace customs
