#include "sources/dockerfile/expand.h"

#include <cctype>

#include "core/strings.h"

namespace customs::df {

namespace {

constexpr int kMaxDepth = 32;
constexpr size_t kMaxExpansion = 1 << 20;  // bytes of one expanded word
constexpr size_t kMaxPatternInput = 256;   // ${V#p} ${V/p/r} on longer values or patterns are not applied

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Accumulates the processed word and its field split: characters from unquoted expansions split
// on blanks, every other character is kept (BuildKit's wordsStruct).
struct Out {
  std::string value;
  std::vector<std::string> fields;
  std::string field;
  bool truncated = false;
  void raw(char c) {
    if (value.size() >= kMaxExpansion) {
      truncated = true;
      return;
    }
    value.push_back(c);
    field.push_back(c);
  }
  void raw(std::string_view s) {
    for (char c : s) raw(c);
  }
  void splittable(std::string_view s) {
    if (value.size() + s.size() > kMaxExpansion) {
      truncated = true;
      return;
    }
    value.append(s);
    for (char c : s) {
      if (!is_space(c)) {
        field.push_back(c);
      } else if (!field.empty()) {
        fields.push_back(field);
        field.clear();
      }
    }
  }
  void finish() {
    if (!field.empty()) fields.push_back(field);
    field.clear();
  }
};

class Lexer {
 public:
  Lexer(std::string_view s, char escape, const VarLookup& lookup, bool expand)
      : s_(s), escape_(escape), lookup_(lookup), expand_(expand) {}

  Expansion run() {
    Out out;
    process(out, 0, 0);
    out.finish();
    if (out.truncated) {
      fail("expansion too large");
      all_known_ = false;
    }
    Expansion e;
    e.value = std::move(out.value);
    e.fields = std::move(out.fields);
    e.expanded_all = all_known_;
    e.error = std::move(error_);
    return e;
  }

 private:
  bool eof() const { return i_ >= s_.size(); }
  char peek() const { return eof() ? '\0' : s_[i_]; }
  void fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
  }

  // Processes until `stop` (not consumed... consumed when found) or the end. stop 0: the end only.
  void process(Out& out, char stop, int depth) {
    while (!eof()) {
      char c = s_[i_];
      if (stop && c == stop) {
        ++i_;
        return;
      }
      ++i_;
      if (c == escape_) {
        if (eof()) break;
        out.raw(s_[i_++]);
      } else if (c == '\'') {
        single_quote(out);
      } else if (c == '"') {
        double_quote(out, depth);
      } else if (c == '$' && expand_) {
        out.splittable(dollar(depth));
      } else {
        out.raw(c);
      }
    }
    if (stop) fail("missing '}'");
  }

  void single_quote(Out& out) {
    size_t close = s_.find('\'', i_);
    if (close == std::string_view::npos) {
      fail("unexpected end of statement while looking for matching single-quote");
      out.raw(s_.substr(i_));
      i_ = s_.size();
      return;
    }
    out.raw(s_.substr(i_, close - i_));
    i_ = close + 1;
  }

  void double_quote(Out& out, int depth) {
    while (!eof()) {
      char c = s_[i_++];
      if (c == '"') return;
      if (c == '$' && expand_) {
        out.raw(dollar(depth));
      } else if (c == escape_ && !eof() && (peek() == '"' || peek() == '$' || peek() == escape_)) {
        out.raw(s_[i_++]);
      } else {
        out.raw(c);
      }
    }
    fail("unexpected end of statement while looking for matching double-quote");
  }

  std::string name() {
    size_t b = i_;
    if (!eof() && std::isdigit(static_cast<unsigned char>(peek()))) {
      while (!eof() && std::isdigit(static_cast<unsigned char>(peek()))) ++i_;
      return std::string(s_.substr(b, i_ - b));
    }
    if (!eof() && std::string_view("@*#?-$!").find(peek()) != std::string_view::npos) {
      ++i_;
      return std::string(s_.substr(b, 1));
    }
    while (!eof() && is_name_char(peek())) ++i_;
    return std::string(s_.substr(b, i_ - b));
  }

  VarState get(const std::string& n, std::string* v) {
    VarState st = lookup_ ? lookup_(n, v) : VarState::kUndeclared;
    if (st != VarState::kKnown) v->clear();
    return st;
  }

  // Called just after '$'. Returns the expansion.
  std::string dollar(int depth) {
    if (peek() != '{') {
      std::string n = name();
      if (n.empty()) return "$";
      std::string v;
      if (get(n, &v) != VarState::kKnown) all_known_ = false;
      return v;
    }
    ++i_;
    if (depth >= kMaxDepth) {
      fail("substitution nested too deeply");
      i_ = s_.size();
      return "";
    }
    std::string n = name();
    if (n.empty()) {
      fail("bad substitution");
      skip_to_brace(depth);
      return "";
    }
    std::string v;
    VarState st = get(n, &v);
    char op = peek();
    if (op == '}') {
      ++i_;
      if (st != VarState::kKnown) all_known_ = false;
      return v;
    }
    if (eof()) {
      fail("missing '}'");
      if (st != VarState::kKnown) all_known_ = false;
      return v;
    }
    ++i_;
    if (op == ':') return colon_modifier(st, v, depth);
    if (op == '-' || op == '+' || op == '?') return set_modifier(op, st, v, false, depth);
    if (op == '#' || op == '%') return trim_modifier(op, st, v, depth);
    if (op == '/') return replace_modifier(st, v, depth);
    fail(std::string("unsupported modifier (") + op + ") in substitution");
    skip_to_brace(depth);
    return v;
  }

  std::string word_until_brace(int depth) {
    Out w;
    process(w, '}', depth + 1);
    return w.value;
  }

  void skip_to_brace(int depth) { word_until_brace(depth); }

  std::string colon_modifier(VarState st, const std::string& v, int depth) {
    char op = peek();
    if (op != '-' && op != '+' && op != '?') {
      fail("unsupported modifier in substitution");
      skip_to_brace(depth);
      return v;
    }
    ++i_;
    return set_modifier(op, st, v, true, depth);
  }

  // ${V-w} ${V:-w} ${V+w} ${V:+w} ${V?w} ${V:?w}. Unknown variables take the "unset" branch and
  // clear all_known_.
  std::string set_modifier(char op, VarState st, const std::string& v, bool colon, int depth) {
    std::string word = word_until_brace(depth);
    if (st != VarState::kKnown) {
      all_known_ = false;
      return op == '-' ? word : "";
    }
    bool is_set = colon ? !v.empty() : true;
    if (op == '-') return is_set ? v : word;
    if (op == '+') return is_set ? word : "";
    if (!is_set) fail(word.empty() ? "parameter not set" : word);
    return v;
  }

  std::string trim_modifier(char op, VarState st, const std::string& v, int depth) {
    bool longest = peek() == op;
    if (longest) ++i_;
    std::string pat = word_until_brace(depth);
    if (st != VarState::kKnown) {
      all_known_ = false;
      return "";
    }
    if (v.size() > kMaxPatternInput || pat.size() > kMaxPatternInput) return v;
    size_t n = v.size();
    for (size_t k = 0; k <= n; ++k) {
      size_t len = longest ? n - k : k;
      std::string_view cand =
          op == '#' ? std::string_view(v).substr(0, len) : std::string_view(v).substr(n - len);
      if (glob_match(pat, cand)) return op == '#' ? v.substr(len) : v.substr(0, n - len);
    }
    return v;
  }

  std::string replace_modifier(VarState st, const std::string& v, int depth) {
    bool all = peek() == '/';
    if (all) ++i_;
    Out pat;
    process(pat, '/', depth + 1);
    std::string repl = word_until_brace(depth);
    if (st != VarState::kKnown) {
      all_known_ = false;
      return "";
    }
    if (v.size() > kMaxPatternInput || pat.value.size() > kMaxPatternInput) return v;
    std::string out;
    size_t i = 0;
    bool replaced = false;
    while (i < v.size()) {
      size_t best = 0;
      if (!pat.value.empty() && (all || !replaced)) {
        for (size_t len = v.size() - i; len > 0; --len)
          if (glob_match(pat.value, std::string_view(v).substr(i, len))) {
            best = len;
            break;
          }
      }
      if (best) {
        out += repl;
        i += best;
        replaced = true;
      } else {
        out.push_back(v[i++]);
      }
    }
    return out;
  }

  std::string_view s_;
  size_t i_ = 0;
  char escape_;
  const VarLookup& lookup_;
  bool expand_;
  bool all_known_ = true;
  std::string error_;
};

}  // namespace

Expansion expand_word(std::string_view raw, char escape, const VarLookup& lookup, bool expand_vars) {
  return Lexer(raw, escape, lookup, expand_vars).run();
}

}  // namespace customs::df
