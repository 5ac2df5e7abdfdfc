// Structure checks about stages: references between them, their names, and keyword casing.
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "analyzers/dockerfile/structure_checks.h"
#include "core/strings.h"

namespace customs::structure {

namespace {

std::string stage_label(const Stage& s) {
  return s.name.empty() ? "stage " + std::to_string(s.index) : "stage \"" + s.name + "\"";
}

// Stage aliases are words without the characters of an image reference.
bool looks_like_alias(std::string_view v) { return v.find_first_of("/:.@") == std::string_view::npos; }

// The closest stage alias to `name`, when it is close enough to be a typo; "" otherwise.
std::string closest_alias(const Dockerfile& df, std::string_view name) {
  std::string best;
  size_t best_d = std::max<size_t>(2, name.size() / 3) + 1;
  std::string lower = to_lower(name);
  for (const Stage& s : df.stages) {
    if (s.name.empty()) continue;
    size_t d = edit_distance(lower, s.name);
    if (d < best_d) best_d = d, best = s.name;
  }
  return best;
}

// Checks one --from / mount from= value used by `ins`.
void check_reference(const DockerfileContext& ctx, const Rule& rule, FindingSink& out, const Instruction& ins,
                     std::string_view what, std::string_view value, const Span& where) {
  if (value.empty() || contains(value, "$") || iequals(value, "scratch")) return;
  const Dockerfile& df = ctx.df;
  std::string evidence = std::string(what) + "=" + std::string(value);
  if (const Stage* target = df.find_stage(value)) {
    if (ins.stage < 0 || target->index < ins.stage) return;
    std::string which = target->index == ins.stage
                            ? "the stage it is in"
                            : "a later stage (line " + std::to_string(target->from_span.begin.line) + ")";
    out.report(rule, ctx.at(where), evidence + " refers to " + which + "; only earlier stages can be used",
               evidence);
    return;
  }
  if (!looks_like_alias(value)) return;
  std::string msg = evidence + " names no stage, so BuildKit will pull an image called \"" +
                    std::string(value) + "\" (unless it is a named build context)";
  std::string guess = closest_alias(df, value);
  if (!guess.empty()) msg += "; did you mean \"" + guess + "\"?";
  out.report(rule, ctx.at(where), msg, evidence);
}

// The from= value of a --mount flag ("type=cache,from=builder,target=/x"); "" when none.
std::string mount_from(std::string_view mount) {
  for (const std::string& part : split(mount, ',')) {
    size_t eq = part.find('=');
    if (eq != std::string::npos && iequals(trim(std::string_view(part).substr(0, eq)), "from"))
      return std::string(trim(std::string_view(part).substr(eq + 1)));
  }
  return "";
}

enum class Case { kUpper, kLower, kMixed };

Case case_of(std::string_view word) {
  bool upper = false, lower = false;
  for (char c : word) {
    upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
    lower |= std::islower(static_cast<unsigned char>(c)) != 0;
  }
  if (upper && lower) return Case::kMixed;
  return lower ? Case::kLower : Case::kUpper;
}

void collect_keywords(const Instruction& ins, std::vector<const Instruction*>& out) {
  if (ins.kind == InstructionKind::kUnknown) return;
  out.push_back(&ins);
  if (ins.onbuild) collect_keywords(*ins.onbuild, out);
}

}  // namespace

int as_word_index(const Instruction& from) {
  for (size_t i = 1; i + 1 < from.words.size(); ++i)
    if (iequals(from.words[i].raw, "as")) return static_cast<int>(i);
  return -1;
}

Span alias_span(const Dockerfile& df, const Stage& stage) {
  if (stage.from_instruction >= df.instructions.size()) return stage.from_span;
  const Instruction& from = df.instructions[stage.from_instruction];
  int as = as_word_index(from);
  return as < 0 ? stage.from_span : from.words[static_cast<size_t>(as) + 1].span;
}

void bad_from_reference(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Instruction& ins : ctx.df.instructions) {
    if (ins.kind == InstructionKind::kCopy) {
      if (const Flag* f = ins.flag("from")) check_reference(ctx, rule, out, ins, "--from", f->value, f->span);
    } else if (ins.kind == InstructionKind::kRun) {
      for (const Flag* f : ins.flags_named("mount")) {
        std::string from = mount_from(f->value);
        if (!from.empty()) check_reference(ctx, rule, out, ins, "--mount from", from, f->span);
      }
    }
  }
}

void duplicate_stage(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  const auto& stages = ctx.df.stages;
  std::unordered_map<std::string, size_t> first;  // lower-case name to its first stage
  for (size_t i = 0; i < stages.size(); ++i) {
    if (stages[i].name.empty()) continue;
    auto [it, fresh] = first.emplace(to_lower(stages[i].name), i);
    if (fresh) continue;
    out.report(rule, ctx.at(alias_span(ctx.df, stages[i])),
               "stage name \"" + stages[i].name + "\" is already used by the stage on line " +
                   std::to_string(stages[it->second].from_span.begin.line),
               stages[i].name);
  }
}

void reserved_stage(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Stage& s : ctx.df.stages)
    if (iequals(s.name, "scratch") || iequals(s.name, "context"))
      out.report(rule, ctx.at(alias_span(ctx.df, s)),
                 "\"" + s.name + "\" is reserved and cannot name a stage", s.name);
}

void unused_stage(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Stage& s : ctx.df.stages)
    if (!s.is_final && !s.reaches_final)
      out.report(rule, ctx.at(s.from_span), stage_label(s) + " is not used by the final stage",
                 s.name.empty() ? s.base_raw : s.name);
}

void keyword_casing(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<const Instruction*> all;
  for (const Instruction& ins : ctx.df.instructions) collect_keywords(ins, all);
  int upper = 0, lower = 0;
  for (const Instruction* ins : all) {
    Case c = case_of(ins->keyword);
    upper += c == Case::kUpper;
    lower += c == Case::kLower;
  }
  Case majority = upper >= lower ? Case::kUpper : Case::kLower;
  const char* name = majority == Case::kUpper ? "upper" : "lower";
  for (const Instruction* ins : all) {
    if (case_of(ins->keyword) == majority) continue;
    out.report(rule, ctx.at(ins->keyword_span),
               "\"" + ins->keyword + "\" is not in " + name + " case like most instructions in this file",
               ins->keyword);
  }
}

void from_as_casing(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Stage& s : ctx.df.stages) {
    if (s.from_instruction >= ctx.df.instructions.size()) continue;
    const Instruction& from = ctx.df.instructions[s.from_instruction];
    int as = as_word_index(from);
    if (as < 0) continue;
    const ArgWord& word = from.words[static_cast<size_t>(as)];
    Case from_case = case_of(from.keyword);
    if (from_case == Case::kMixed || case_of(word.raw) == from_case) continue;
    out.report(rule, ctx.at(word.span),
               "\"" + word.raw + "\" does not match the case of \"" + from.keyword + "\"",
               from.keyword + " " + word.raw);
  }
}

}  // namespace customs::structure
