#pragma once
// The stage graph of a parsed Dockerfile.
#include <string_view>

#include "model/dockerfile.h"

namespace customs::df {

// Index of a stage before `before` named by `ref`: its alias (case-insensitive) or its decimal
// index. -1 when none (then `ref` is an image).
int resolve_stage(const Dockerfile& df, std::string_view ref, int before);

// The stage a "--mount=type=...,from=<ref>,..." flag value reads from, as written ("" if none).
std::string mount_from(std::string_view mount);

// Fills Stage::depends_on (base stage, COPY --from, RUN --mount=from=), is_final and reaches_final.
void link_stages(Dockerfile& df);

}  // namespace customs::df
