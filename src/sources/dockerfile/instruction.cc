#include "sources/dockerfile/instruction.h"

#include <array>
#include <initializer_list>
#include <string_view>

#include "core/strings.h"
#include "sources/dockerfile/json_args.h"
#include "sources/dockerfile/words.h"

namespace customs::df {

namespace {

enum class Args { kExecOrShell, kExecOrWords, kWords, kString, kKeyValue, kArg, kOnbuild, kHealthcheck };

struct KindInfo {
  InstructionKind kind;
  Args args;
  bool expand;                                    // BuildKit expands variables in the arguments
  bool expand_flags;                              // ... and in the flag values
  std::initializer_list<std::string_view> flags;  // flags the instruction accepts
};

const std::array<KindInfo, 19> kInfo{{
    {InstructionKind::kFrom, Args::kWords, true, true, {"platform"}},
    {InstructionKind::kRun, Args::kExecOrShell, false, true, {"mount", "network", "security", "device"}},
    {InstructionKind::kCmd, Args::kExecOrShell, false, false, {}},
    {InstructionKind::kLabel, Args::kKeyValue, true, false, {}},
    {InstructionKind::kMaintainer, Args::kString, false, false, {}},
    {InstructionKind::kExpose, Args::kWords, true, false, {}},
    {InstructionKind::kEnv, Args::kKeyValue, true, false, {}},
    {InstructionKind::kAdd,
     Args::kExecOrWords,
     true,
     true,
     {"chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"}},
    {InstructionKind::kCopy,
     Args::kExecOrWords,
     true,
     true,
     {"from", "chown", "chmod", "link", "parents", "exclude"}},
    {InstructionKind::kEntrypoint, Args::kExecOrShell, false, false, {}},
    {InstructionKind::kVolume, Args::kExecOrWords, true, false, {}},
    {InstructionKind::kUser, Args::kString, true, false, {}},
    {InstructionKind::kWorkdir, Args::kString, true, false, {}},
    {InstructionKind::kArg, Args::kArg, true, false, {}},
    {InstructionKind::kOnbuild, Args::kOnbuild, false, false, {}},
    {InstructionKind::kStopsignal, Args::kString, true, false, {}},
    {InstructionKind::kHealthcheck,
     Args::kHealthcheck,
     false,
     false,
     {"interval", "timeout", "start-period", "start-interval", "retries"}},
    {InstructionKind::kShell, Args::kExecOrShell, false, false, {}},
    {InstructionKind::kUnknown, Args::kWords, false, false, {}},
}};

const KindInfo& info_of(InstructionKind kind) {
  for (const auto& i : kInfo)
    if (i.kind == kind) return i;
  return kInfo.back();
}

std::string_view view(const SourceText& st, size_t b, size_t e) {
  return std::string_view(st.text).substr(b, e - b);
}

// Everything needed while building one instruction.
struct Builder {
  const BuildContext& ctx;
  const VarLookup& lookup;
  const KindInfo& info;
  Instruction& ins;

  Location at(Pos p) const { return Location{ctx.path, p.line, p.column}; }
  Expansion expand(std::string_view raw, bool vars) const {
    return expand_word(raw, ctx.escape, lookup, vars);
  }
  void bad(const std::string& code, const std::string& msg, Pos p) const {
    ctx.diags.error(code, msg, at(p));
  }

  // BuildKit fails the build on these (unterminated quote, bad ${...}).
  void note_error(const Expansion& e, Pos p) const {
    if (!e.error.empty()) ctx.diags.error("dockerfile.bad-expansion", e.error, at(p));
  }

  // BuildKit's extractBuilderFlags: leading "--name[=value]" words; returns where the args start.
  size_t flags(const SourceText& rest) {
    std::vector<RawToken> toks = split_raw_words(rest.text, '\\');
    for (const RawToken& t : toks) {
      std::string_view w = view(rest, t.begin, t.end);
      if (w.size() < 2 || w.substr(0, 2) != "--") return t.begin;
      if (w == "--") return t.end;
      Expansion e = expand_word(w, '\\', lookup, info.expand_flags);
      Flag f;
      std::string_view body = std::string_view(e.value).substr(2);
      size_t eq = body.find('=');
      f.name = to_lower(body.substr(0, eq));
      f.has_value = eq != std::string_view::npos;
      if (f.has_value) f.value = std::string(body.substr(eq + 1));
      f.raw = std::string(w);
      f.span = rest.span(t.begin, t.end);
      bool known = false;
      for (std::string_view k : info.flags) known = known || k == f.name;
      if (!known && ins.kind != InstructionKind::kUnknown)
        ctx.diags.warning("dockerfile.unknown-flag",
                          "unknown flag --" + f.name + " for " + keyword_of(ins.kind), at(f.span.begin));
      ins.flags.push_back(std::move(f));
    }
    return rest.text.size();
  }

  // One word processed as a whole, as BuildKit's single-word expander does (no field splitting).
  void add_word(const SourceText& args, size_t b, size_t e) {
    std::string_view raw = view(args, b, e);
    Expansion x = expand(raw, info.expand);
    note_error(x, args.at(b));
    ins.words.push_back(ArgWord{std::string(raw), x.value, x.expanded_all, args.span(b, e)});
  }

  // BuildKit's parseStringsWhitespaceDelimited: split on blanks, quotes or not.
  void shell_words(const SourceText& args) {
    size_t i = skip_blanks(args.text, 0);
    while (i < args.text.size()) {
      size_t e = i;
      while (e < args.text.size() && !is_blank(args.text[e])) ++e;
      add_word(args, i, e);
      i = skip_blanks(args.text, e);
    }
  }

  bool exec_form(const SourceText& args) {
    std::vector<JsonElement> elems;
    JsonArgs kind = classify_json_args(args.text, &elems);
    if (kind == JsonArgs::kNotStringArray)
      bad("dockerfile.bad-json", "when using JSON array syntax, arrays must be comprised of strings only",
          args.at(0));
    if (kind != JsonArgs::kStrings) return false;
    ins.json_form = true;
    for (const auto& el : elems) {
      ins.exec.push_back(el.value);
      if (info.args != Args::kExecOrWords) continue;
      Expansion x = expand(el.value, info.expand);
      ins.words.push_back(ArgWord{std::string(view(args, el.begin, el.end)), x.value, x.expanded_all,
                                  args.span(el.begin, el.end)});
    }
    return true;
  }

  KeyValue pair(const SourceText& args, size_t kb, size_t ke, size_t vb, size_t ve, bool has_value) {
    KeyValue kv;
    Expansion k = expand(view(args, kb, ke), info.expand);
    kv.key = k.value;
    kv.has_value = has_value;
    kv.key_span = args.span(kb, ke);
    kv.value_span = args.span(vb, ve);
    kv.raw_value = std::string(view(args, vb, ve));
    Expansion v = expand(kv.raw_value, info.expand);
    note_error(v, args.at(vb));
    kv.value = v.value;
    kv.expanded_all = k.expanded_all && v.expanded_all;
    return kv;
  }

  // ENV and LABEL (BuildKit parseNameVal): "K=V K2=V2" or the legacy "K some value".
  void key_values(const SourceText& args) {
    std::vector<RawToken> toks = split_raw_words(args.text, ctx.escape);
    if (toks.empty()) return;
    std::string_view first = view(args, toks[0].begin, toks[0].end);
    if (first.find('=') == std::string_view::npos && ins.kind != InstructionKind::kArg) {
      size_t vb = skip_blanks(args.text, toks[0].end);
      if (vb >= args.text.size()) {
        bad("dockerfile.bad-arguments", std::string(keyword_of(ins.kind)) + " must have two arguments",
            args.at(toks[0].begin));
        ins.pairs.push_back(pair(args, toks[0].begin, toks[0].end, toks[0].end, toks[0].end, false));
        return;
      }
      ins.pairs.push_back(pair(args, toks[0].begin, toks[0].end, vb, args.text.size(), true));
      return;
    }
    for (const RawToken& t : toks) {
      size_t eq = args.text.find('=', t.begin);
      bool has = eq < t.end;
      if (!has && ins.kind != InstructionKind::kArg)
        bad("dockerfile.bad-arguments",
            "can't find = in \"" + std::string(view(args, t.begin, t.end)) +
                "\"; must be of the form name=value",
            args.at(t.begin));
      size_t ke = has ? eq : t.end;
      ins.pairs.push_back(pair(args, t.begin, ke, has ? eq + 1 : t.end, t.end, has));
    }
  }
};

}  // namespace

Instruction build_instruction_at(const LogicalLine& line, const VarLookup& lookup, const BuildContext& ctx,
                                 int depth);

namespace {

void build_onbuild(Builder& b, const LogicalLine& line, const SourceText& args, int depth) {
  if (depth > 0) {
    b.bad("dockerfile.bad-onbuild", "chaining ONBUILD via ONBUILD ONBUILD isn't allowed", args.at(0));
    return;
  }
  LogicalLine inner = line;
  inner.text = args;
  inner.span.begin = args.at(0);
  VarLookup unknown = [](std::string_view, std::string*) { return VarState::kUnknown; };
  b.ins.onbuild = std::make_unique<Instruction>(build_instruction_at(inner, unknown, b.ctx, depth + 1));
  // The trigger's heredocs belong to it; the ONBUILD itself keeps none.
  InstructionKind k = b.ins.onbuild->kind;
  if (k == InstructionKind::kFrom || k == InstructionKind::kMaintainer)
    b.bad("dockerfile.bad-onbuild", std::string(keyword_of(k)) + " isn't allowed as an ONBUILD trigger",
          b.ins.onbuild->keyword_span.begin);
}

void build_healthcheck(Builder& b, const LogicalLine& line, const SourceText& args) {
  std::vector<RawToken> toks = split_raw_words(args.text, b.ctx.escape);
  if (toks.empty()) return;
  b.add_word(args, toks[0].begin, toks[0].end);
  std::string_view type = view(args, toks[0].begin, toks[0].end);
  SourceText cmd = args.slice(skip_blanks(args.text, toks[0].end), args.text.size());
  if (iequals(type, "none")) {
    if (!cmd.text.empty())
      b.bad("dockerfile.bad-arguments", "HEALTHCHECK NONE takes no arguments", cmd.at(0));
    return;
  }
  if (!iequals(type, "cmd")) {
    b.bad("dockerfile.bad-arguments", "unknown type " + std::string(type) + " in HEALTHCHECK (try CMD)",
          args.at(0));
    return;
  }
  if (cmd.text.empty()) {
    b.bad("dockerfile.missing-arguments", "HEALTHCHECK CMD requires at least one argument",
          args.at(toks[0].end));
    return;
  }
  b.exec_form(cmd);
  attach_shell(b.ins, cmd, line.terminators, b.ctx);
}

void build_args(Builder& b, const LogicalLine& line, const SourceText& args, int depth) {
  switch (b.info.args) {
    case Args::kExecOrShell:
      b.exec_form(args);
      if (b.ins.kind == InstructionKind::kShell && !b.ins.json_form)
        b.bad("dockerfile.bad-arguments", "SHELL requires the arguments to be in JSON form", args.at(0));
      if (b.ins.kind != InstructionKind::kShell) attach_shell(b.ins, args, line.terminators, b.ctx);
      break;
    case Args::kExecOrWords:
      if (!b.exec_form(args)) b.shell_words(args);
      break;
    case Args::kWords: b.shell_words(args); break;
    case Args::kString: b.add_word(args, 0, args.text.size()); break;
    case Args::kKeyValue:
    case Args::kArg: b.key_values(args); break;
    case Args::kOnbuild: build_onbuild(b, line, args, depth); break;
    case Args::kHealthcheck: build_healthcheck(b, line, args); break;
  }
}

}  // namespace

Instruction build_instruction_at(const LogicalLine& line, const VarLookup& lookup, const BuildContext& ctx,
                                 int depth) {
  Instruction ins;
  const SourceText& text = line.text;
  size_t kw_end = 0;
  while (kw_end < text.text.size() && !is_blank(text.text[kw_end])) ++kw_end;
  ins.keyword = text.text.substr(0, kw_end);
  ins.kind = instruction_kind_from(ins.keyword);
  ins.keyword_span = text.span(0, kw_end);
  ins.span = line.span;
  const KindInfo& info = info_of(ins.kind);
  Builder b{ctx, lookup, info, ins};
  if (ins.kind == InstructionKind::kUnknown)
    b.bad("dockerfile.unknown-instruction", "unknown instruction: " + to_upper(ins.keyword), text.at(0));
  SourceText rest = text.slice(skip_blanks(text.text, kw_end), rtrim_blanks(text.text, text.text.size()));
  size_t args_at = b.flags(rest);
  ins.args = rest.slice(skip_blanks(rest.text, args_at), rest.text.size());
  bool onbuild_inner_heredocs = ins.kind == InstructionKind::kOnbuild;
  if (!onbuild_inner_heredocs) ins.heredocs = line.heredocs;
  if (ins.args.text.empty()) {
    if (ins.kind != InstructionKind::kUnknown)
      b.bad("dockerfile.missing-arguments", to_upper(ins.keyword) + " requires at least one argument",
            ins.keyword_span.begin);
    return ins;
  }
  build_args(b, line, ins.args, depth);
  return ins;
}

Instruction build_instruction(const LogicalLine& line, const VarLookup& lookup, const BuildContext& ctx) {
  return build_instruction_at(line, lookup, ctx, 0);
}

}  // namespace customs::df
