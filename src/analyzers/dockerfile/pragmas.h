#pragma once
// Inline suppression pragmas in Dockerfile comments:
//   # customs ignore=DF020,DF062 reason="..."        the next instruction
//   # customs stage ignore=DF020 reason="..."        the whole stage the next instruction is in
//   # customs file ignore=DF070 reason="..."         the whole file (anywhere in the file)
// Matched findings stay in the output, marked suppressed (kind "inline pragma", with the reason).
// A pragma naming an unknown id, or one that suppresses nothing, is itself reported.
#include <span>

#include "analyzers/dockerfile/check.h"

namespace customs {

// Rules about pragmas themselves (unknown id, unused id, malformed pragma).
std::span<const Rule> pragma_rules();

// Call after run_dockerfile_checks on the same sink.
void apply_pragmas(const DockerfileContext& ctx, FindingSink& out);

}  // namespace customs
