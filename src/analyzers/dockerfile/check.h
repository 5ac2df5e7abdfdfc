#pragma once
// The Dockerfile check table. A check is a Rule (data) plus a small pure function.
// Adding a check touches two places: a row in its group file and its test.
#include <span>
#include <vector>

#include "findings/policy.h"
#include "findings/sink.h"
#include "model/dockerfile.h"

namespace customs {

struct DockerfileContext {
  const Dockerfile& df;
  const Policy& policy;
  bool has_dockerignore = false;  // a .dockerignore (or <Dockerfile>.dockerignore) sits beside it

  // A location in this Dockerfile.
  Location at(const Span& span) const;
  Location at(const Instruction& ins) const { return at(ins.span); }
  // The stage an instruction belongs to (nullptr for global ARGs before the first FROM).
  const Stage* stage_of(const Instruction& ins) const;
};

using DockerfileCheckFn = void (*)(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);

struct DockerfileCheck {
  Rule rule;
  DockerfileCheckFn run;
};

// Every group contributes a table; the registry concatenates them in this order.
std::span<const DockerfileCheck> supply_chain_checks();
std::span<const DockerfileCheck> privilege_checks();
std::span<const DockerfileCheck> secret_checks();
std::span<const DockerfileCheck> hygiene_checks();
std::span<const DockerfileCheck> structure_checks();

// All Dockerfile checks, in a stable order (group order, then table order).
const std::vector<const DockerfileCheck*>& dockerfile_checks();
const Rule* find_dockerfile_rule(std::string_view id);

// Runs every enabled check. Findings come out sorted by line, then rule id.
void run_dockerfile_checks(const DockerfileContext& ctx, FindingSink& out);

}  // namespace customs
