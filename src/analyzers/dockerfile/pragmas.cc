#include "analyzers/dockerfile/pragmas.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/strings.h"

namespace customs {

namespace {

const Rule kPragmaRules[] = {
    {"DF100", Severity::kLow, Practice::kBenchmarks, "Suppression pragma names an unknown rule",
     "A pragma with a misspelt or retired rule id suppresses nothing, so the finding it was meant for still "
     "shows "
     "or the pragma hides a typo.",
     "Use an id listed by `customs checks`, e.g. `# customs ignore=DF020 reason=\"apt is fine here\"`.",
     "customs"},
    {"DF101", Severity::kLow, Practice::kBenchmarks, "Suppression pragma suppresses nothing",
     "A pragma that matches no finding is stale: the problem was fixed or the pragma sits in the wrong "
     "place, "
     "and it will silently hide the next finding of that rule there.",
     "Delete the pragma, or move it directly above the instruction, e.g. `# customs ignore=DF083` above CMD.",
     "customs"},
    {"DF102", Severity::kLow, Practice::kBenchmarks, "Malformed suppression pragma",
     "A pragma customs cannot read suppresses nothing, so the author's intent is lost.",
     "Write `# customs [stage|file] ignore=ID[,ID...] [reason=\"text\"]`, e.g. "
     "`# customs stage ignore=DF021 reason=\"runs as root by design\"`.",
     "customs"},
};
const Rule& kUnknownId = kPragmaRules[0];
const Rule& kUnused = kPragmaRules[1];
const Rule& kMalformed = kPragmaRules[2];

enum class Scope { kNext, kStage, kFile };

struct PragmaId {
  std::string id;  // upper case
  int column = 0;  // 1-based column of the id in the file
  const Rule* rule = nullptr;
  bool used = false;
};

struct Pragma {
  int line = 0;
  int column = 0;  // of '#'
  std::string text;
  Scope scope = Scope::kNext;
  std::vector<PragmaId> ids;
  std::string reason;
  std::string error;  // non-empty: malformed
  int error_column = 0;
  int first_line = 0;  // lines the pragma covers (inclusive); 0..-1 when none
  int last_line = -1;
};

// Reads a pragma from one comment; false when the comment is not a pragma attempt. The text starts
// at file column `col0` (the '#').
class PragmaReader {
 public:
  PragmaReader(std::string_view text, int col0) : t_(text), col0_(col0) {}

  bool read(Pragma& p) {
    if (!eat('#')) return false;
    blanks();
    if (!iequals(word_peek(), "customs")) return false;
    i_ += 7;
    if (i_ < t_.size() && !is_blank(t_[i_])) return false;
    blanks();
    std::string_view next = word_peek();
    bool attempt = iequals(next, "stage") || iequals(next, "file") || istarts(next, "ignore") ||
                   next.find('=') != std::string_view::npos;
    if (!attempt) return false;
    if (iequals(next, "stage") || iequals(next, "file")) {
      p.scope = iequals(next, "stage") ? Scope::kStage : Scope::kFile;
      i_ += next.size();
      blanks();
    }
    if (read_ids(p)) read_rest(p);
    return true;
  }

 private:
  static bool is_blank(char c) { return c == ' ' || c == '\t'; }
  static bool id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
  static bool istarts(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
  }
  bool eat(char c) { return i_ < t_.size() && t_[i_] == c ? (++i_, true) : false; }
  void blanks() {
    while (i_ < t_.size() && is_blank(t_[i_])) ++i_;
  }
  std::string_view word_peek() const {
    size_t e = i_;
    while (e < t_.size() && !is_blank(t_[e])) ++e;
    return t_.substr(i_, e - i_);
  }
  int col() const { return col0_ + static_cast<int>(i_); }
  bool fail(Pragma& p, std::string msg) {
    p.error = std::move(msg);
    p.error_column = col();
    return false;
  }

  bool read_ids(Pragma& p) {
    if (!istarts(t_.substr(i_), "ignore="))
      return fail(p, "expected ignore=<rule ids> but found \"" + std::string(word_peek()) + "\"");
    i_ += 7;
    while (true) {
      blanks();
      size_t b = i_;
      while (i_ < t_.size() && id_char(t_[i_])) ++i_;
      if (b == i_) {
        std::string bad(word_peek());
        return fail(p,
                    bad.empty() ? "ignore= needs at least one rule id" : "\"" + bad + "\" is not a rule id");
      }
      std::string id = to_upper(t_.substr(b, i_ - b));
      if (id == "ALL") return (i_ = b, fail(p, "ignore=all is not supported; list the rule ids"));
      p.ids.push_back(PragmaId{id, col0_ + static_cast<int>(b)});
      size_t save = i_;
      blanks();
      if (!eat(',')) {
        i_ = save;
        return true;
      }
    }
  }

  bool read_rest(Pragma& p) {
    blanks();
    if (i_ == t_.size()) return true;
    if (!istarts(t_.substr(i_), "reason=")) return fail(p, "unexpected \"" + std::string(word_peek()) + "\"");
    i_ += 7;
    size_t quote = i_;
    if (eat('"')) {
      while (i_ < t_.size() && t_[i_] != '"') {
        if (t_[i_] == '\\' && i_ + 1 < t_.size()) ++i_;
        p.reason.push_back(t_[i_++]);
      }
      if (!eat('"')) return (i_ = quote, fail(p, "reason=\" has no closing quote"));
    } else {
      p.reason = std::string(word_peek());
      i_ += p.reason.size();
    }
    blanks();
    if (i_ != t_.size()) return fail(p, "unexpected \"" + std::string(word_peek()) + "\" after the reason");
    return true;
  }

  std::string_view t_;
  int col0_;
  size_t i_ = 0;
};

const Rule* known_rule(std::string_view id) {
  if (const Rule* r = find_dockerfile_rule(id)) return r;
  for (const Rule& r : kPragmaRules)
    if (r.id == id) return &r;
  return nullptr;
}

int last_line_of(const Span& s) {
  return s.end.line > s.begin.line && s.end.column <= 1 ? s.end.line - 1 : std::max(s.end.line, s.begin.line);
}

// The instruction a pragma on `line` refers to: the one whose lines include it, else the next one.
const Instruction* target_of(const Dockerfile& df, int line) {
  for (const Instruction& ins : df.instructions)
    if (ins.span.begin.line > line || last_line_of(ins.span) >= line) return &ins;
  return nullptr;
}

void set_range(const Dockerfile& df, Pragma& p) {
  if (p.scope == Scope::kFile) {
    p.first_line = 0;
    p.last_line = 1 << 30;
    return;
  }
  const Instruction* ins = target_of(df, p.line);
  if (!ins) return;
  if (p.scope == Scope::kNext) {
    p.first_line = ins->span.begin.line;
    p.last_line = last_line_of(ins->span);
    return;
  }
  p.first_line = 1 << 30;
  p.last_line = -1;
  for (const Instruction& other : df.instructions) {
    if (other.stage != ins->stage) continue;
    p.first_line = std::min(p.first_line, other.span.begin.line);
    p.last_line = std::max(p.last_line, last_line_of(other.span));
  }
}

// The column of the comment text in its source line (1 when it cannot be found).
int comment_column(std::string_view source, int line, std::string_view text) {
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return 1;
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  std::string_view src_line = source.substr(start, end == std::string_view::npos ? end : end - start);
  size_t at = src_line.find(text);
  return at == std::string_view::npos ? 1 : static_cast<int>(at) + 1;
}

std::vector<Pragma> read_pragmas(const Dockerfile& df) {
  std::vector<Pragma> out;
  for (const auto& [line, text] : df.comments) {
    Pragma p;
    p.line = line;
    p.text = text;
    p.column = comment_column(df.source, line, text);
    if (!PragmaReader(text, p.column).read(p)) continue;
    if (p.error.empty()) set_range(df, p);
    for (PragmaId& id : p.ids) id.rule = known_rule(id.id);
    out.push_back(std::move(p));
  }
  return out;
}

int narrowness(Scope s) { return s == Scope::kNext ? 0 : s == Scope::kStage ? 1 : 2; }

// Marks the findings the pragmas cover; records which pragma ids were used.
void suppress(const Dockerfile& df, std::vector<Pragma>& pragmas, std::vector<Finding>& findings) {
  for (Finding& f : findings) {
    if (!f.rule || f.location.file != df.path) continue;
    const Pragma* chosen = nullptr;
    for (Pragma& p : pragmas) {
      if (!p.error.empty() || f.location.line < p.first_line || f.location.line > p.last_line) continue;
      if (p.scope != Scope::kFile && f.location.line == 0) continue;
      for (PragmaId& id : p.ids) {
        if (!id.rule || id.id != f.rule->id) continue;
        id.used = true;
        if (!chosen || narrowness(p.scope) < narrowness(chosen->scope)) chosen = &p;
      }
    }
    if (!chosen || f.suppressed) continue;
    f.suppressed = true;
    f.suppression_kind = "inline pragma";
    f.suppression_reason = chosen->reason;
  }
}

bool is_pragma_rule(const Rule* r) {
  for (const Rule& own : kPragmaRules)
    if (&own == r) return true;
  return false;
}

void report_problems(const DockerfileContext& ctx, const std::vector<Pragma>& pragmas, FindingSink& out) {
  auto at = [&](int line, int column, size_t length) {
    Location loc{ctx.df.path, line, column, line, column + static_cast<int>(length)};
    return loc;
  };
  for (const Pragma& p : pragmas) {
    if (!p.error.empty()) {
      out.report(kMalformed, at(p.line, p.error_column, 0), "malformed customs pragma: " + p.error, p.text);
      continue;
    }
    for (const PragmaId& id : p.ids) {
      Location loc = at(p.line, id.column, id.id.size());
      if (!id.rule) {
        out.report(kUnknownId, loc, "pragma names unknown rule " + id.id, p.text, p.text + "|" + id.id);
      } else if (!id.used && !is_pragma_rule(id.rule) && ctx.policy.is_enabled(*id.rule)) {
        out.report(kUnused, loc, "pragma ignore=" + id.id + " suppresses no finding", p.text,
                   p.text + "|" + id.id);
      }
    }
  }
}

}  // namespace

std::span<const Rule> pragma_rules() { return kPragmaRules; }

void apply_pragmas(const DockerfileContext& ctx, FindingSink& out) {
  std::vector<Pragma> pragmas = read_pragmas(ctx.df);
  if (pragmas.empty()) return;
  suppress(ctx.df, pragmas, out.findings());
  report_problems(ctx, pragmas, out);
  auto& fs = out.findings();
  std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
    if (a.location.line != b.location.line) return a.location.line < b.location.line;
    return a.rule_id() < b.rule_id();
  });
}

}  // namespace customs
