#pragma once
// Dockerfile parser: bytes in, syntax tree out, with line and column on every node.
// Follows BuildKit's dockerfile frontend: parser directives, escape char, line continuations
// (with comments and blank lines inside), heredocs, JSON and shell forms, flags, ARG/ENV
// expansion with global and per-stage scope, stages and their dependencies, ONBUILD.
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/result.h"
#include "model/dockerfile.h"

namespace customs {

struct DockerfileParseLimits {
  size_t max_bytes = size_t{4} << 20;  // larger input is refused with kLimit
  size_t max_instructions = 100000;
};

// Parses `bytes`; `path` is used only for locations. Problems on single lines (an unknown
// instruction, an unterminated heredoc, bad JSON, a bad flag) become error diagnostics located at
// file:line:col and parsing goes on with the next instruction. Returns an Error only when nothing
// useful can be built: the input is binary (NUL bytes), over the size limit, or has no instruction.
Result<Dockerfile> parse_dockerfile(std::string_view bytes, const std::string& path, Diagnostics& diags,
                                    const DockerfileParseLimits& limits = {});

}  // namespace customs
