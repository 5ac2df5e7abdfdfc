#pragma once
// One logical Dockerfile line to an Instruction: keyword, flags, arguments, exec (JSON) form,
// shell-form words, KEY=value pairs, heredocs, the shell script and ONBUILD's inner instruction.
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "model/dockerfile.h"
#include "sources/dockerfile/expand.h"
#include "sources/dockerfile/lexer.h"

namespace customs::df {

struct BuildContext {
  const std::string& path;
  Diagnostics& diags;
  char escape = '\\';
};

// `lookup` gives the variables visible at this instruction (BuildKit expands ADD COPY ENV EXPOSE
// FROM LABEL STOPSIGNAL USER VOLUME WORKDIR ARG and the flags of FROM COPY ADD RUN). Problems
// become diagnostics; the instruction is always returned.
Instruction build_instruction(const LogicalLine& line, const VarLookup& lookup, const BuildContext& ctx);

// Fills ins.shell for RUN and shell-form CMD / ENTRYPOINT / HEALTHCHECK CMD. `script` is the
// shell-form text (for HEALTHCHECK the part after CMD); `terminators` are the heredoc closing lines.
// In exec form the elements become one command (and the string of sh -c is parsed as a script).
void attach_shell(Instruction& ins, const SourceText& script, const std::vector<SourceText>& terminators,
                  const BuildContext& ctx);

}  // namespace customs::df
