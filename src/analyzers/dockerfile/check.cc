#include "analyzers/dockerfile/check.h"

#include <algorithm>

namespace customs {

Location DockerfileContext::at(const Span& span) const {
  Location loc;
  loc.file = df.path;
  loc.line = span.begin.line;
  loc.column = span.begin.column;
  loc.end_line = span.end.line;
  loc.end_column = span.end.column;
  return loc;
}

const Stage* DockerfileContext::stage_of(const Instruction& ins) const {
  if (ins.stage < 0 || static_cast<size_t>(ins.stage) >= df.stages.size()) return nullptr;
  return &df.stages[static_cast<size_t>(ins.stage)];
}

const std::vector<const DockerfileCheck*>& dockerfile_checks() {
  static const std::vector<const DockerfileCheck*> all = [] {
    std::vector<const DockerfileCheck*> v;
    for (auto group :
         {supply_chain_checks(), privilege_checks(), secret_checks(), hygiene_checks(), structure_checks()})
      for (const auto& c : group) v.push_back(&c);
    return v;
  }();
  return all;
}

const Rule* find_dockerfile_rule(std::string_view id) {
  for (const auto* c : dockerfile_checks())
    if (c->rule.id == id) return &c->rule;
  return nullptr;
}

void run_dockerfile_checks(const DockerfileContext& ctx, FindingSink& out) {
  for (const auto* c : dockerfile_checks()) {
    if (!ctx.policy.is_enabled(c->rule)) continue;
    c->run(ctx, c->rule, out);
  }
  auto& fs = out.findings();
  std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
    if (a.location.line != b.location.line) return a.location.line < b.location.line;
    return a.rule_id() < b.rule_id();
  });
}

}  // namespace customs
