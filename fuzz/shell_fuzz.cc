// libFuzzer target: the shell tokenizer must never crash, hang or read out of bounds, and the
// words of top-level commands must sit where their spans say.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sources/dockerfile/shell_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  customs::SourceText text;
  std::vector<size_t> line_start{0};
  int line = 1, column = 1;
  for (size_t i = 0; i < size; ++i) {
    char c = static_cast<char>(data[i]);
    text.append(c, customs::Pos{line, column});
    if (c == '\n') {
      ++line;
      column = 1;
      line_start.push_back(i + 1);
    } else {
      ++column;
    }
  }
  customs::Diagnostics diags;
  customs::ShellScript script = customs::parse_shell(text, "Dockerfile", diags);
  for (const customs::ShellCommand& cmd : script.commands) {
    if (cmd.argv.empty() && cmd.env.empty() && cmd.redirects.empty()) __builtin_trap();
    if (cmd.depth < 0 || cmd.pipeline < 0) __builtin_trap();
    for (const customs::ShellWord& w : cmd.argv) {
      if (w.raw.empty() || w.span.begin.line < 1 || w.span.begin.column < 1) __builtin_trap();
      if (cmd.depth != 0) continue;
      // Top-level words come straight from the input: raw starts at span.begin.
      size_t off = line_start[w.span.begin.line - 1] + w.span.begin.column - 1;
      if (text.text.compare(off, w.raw.size(), w.raw) != 0) __builtin_trap();
    }
  }
  for (const customs::Diagnostic& d : diags.items()) {
    if (d.where.line < 1 || d.where.column < 1) __builtin_trap();
  }
  return 0;
}
