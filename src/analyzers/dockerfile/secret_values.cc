// DF042: literal secret values anywhere in the Dockerfile text (instructions, heredocs, comments),
// found by the shared secret engine (analyzers/secrets) so that one rule set serves every scan.
#include "analyzers/dockerfile/secret_rules.h"
#include "analyzers/secrets/scanner.h"

namespace customs {

std::vector<SecretMatch> find_secret_values(std::string_view text) {
  std::vector<SecretMatch> found;
  for (const SecretHit& h : default_secret_scanner().scan("", text))
    found.push_back({h.begin, h.end, std::string(h.rule->rule.title), h.rule});
  return found;
}

void check_secret_values(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const SecretHit& h : default_secret_scanner().scan(ctx.df.path, ctx.df.source)) {
    Span span{Pos{h.line, h.column}, Pos{h.end_line, h.end_column}};
    out.report(rule, ctx.at(span),
               "A literal " + std::string(h.rule->rule.title) +
                   " is written in the Dockerfile: it is in source control, in the build log and, once "
                   "built, in the image history or layers",
               h.masked, std::string(h.rule->rule.id) + ":" + h.hash);
  }
}

}  // namespace customs
