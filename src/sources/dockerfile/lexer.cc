#include "sources/dockerfile/lexer.h"

#include <cctype>

#include "core/strings.h"
#include "sources/dockerfile/expand.h"
#include "sources/dockerfile/json_args.h"
#include "sources/dockerfile/words.h"

namespace customs::df {

namespace {

struct Line {
  std::string_view text;  // without '\n' and a trailing '\r'
  int number = 0;
};

// Forward-only reader over physical lines.
class LineReader {
 public:
  explicit LineReader(std::string_view src) : src_(src) {}
  bool next(Line* out) {
    if (off_ >= src_.size()) return false;
    size_t nl = src_.find('\n', off_);
    size_t end = nl == std::string_view::npos ? src_.size() : nl;
    std::string_view t = src_.substr(off_, end - off_);
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    off_ = nl == std::string_view::npos ? src_.size() : nl + 1;
    *out = Line{t, ++number_};
    return true;
  }

 private:
  std::string_view src_;
  size_t off_ = 0;
  int number_ = 0;
};

std::string_view ltrim(std::string_view s) { return s.substr(skip_blanks(s, 0)); }

void append_range(SourceText& st, const Line& l, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) st.append(l.text[i], Pos{l.number, static_cast<int>(i) + 1});
}

Pos line_end(const Line& l) {
  return Pos{l.number, static_cast<int>(rtrim_blanks(l.text, l.text.size())) + 1};
}

// Offset where the line's content ends: before a trailing escape (and blanks after it) when the
// line continues, else the line's end. BuildKit: ^(.*?)\\[ \t]*$.
size_t content_end(std::string_view t, char escape, bool* continued) {
  size_t e = t.size();
  while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t')) --e;
  *continued = e > 0 && t[e - 1] == escape;
  return *continued ? e - 1 : t.size();
}

// "# name = value" at the top of the file (BuildKit's reDirective).
bool match_directive(std::string_view t, std::string* name, std::string* value, size_t* value_col) {
  t = ltrim(t);
  if (t.empty() || t[0] != '#') return false;
  size_t i = 1;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  size_t nb = i;
  if (i >= t.size() || !std::isalpha(static_cast<unsigned char>(t[i]))) return false;
  while (i < t.size() && std::isalnum(static_cast<unsigned char>(t[i]))) ++i;
  *name = to_lower(t.substr(nb, i - nb));
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  if (i >= t.size() || t[i] != '=') return false;
  ++i;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  size_t ve = t.size();
  while (ve > i && (t[ve - 1] == ' ' || t[ve - 1] == '\t')) --ve;
  if (ve == i) return false;
  *value = std::string(t.substr(i, ve - i));
  *value_col = i;
  return true;
}

bool takes_heredoc(std::string_view word) {
  return iequals(word, "run") || iequals(word, "copy") || iequals(word, "add");
}

// One word as a heredoc opener (BuildKit: ^(\d*)<<(-?)([^<]*)$ and a single word after quote removal).
bool parse_opener(std::string_view w, Heredoc* h) {
  size_t i = 0;
  while (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i]))) ++i;
  if (w.substr(i, 2) != "<<") return false;
  i += 2;
  h->strip_tabs = i < w.size() && w[i] == '-';
  if (h->strip_tabs) ++i;
  std::string_view rest = w.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return false;
  h->quoted = rest.find_first_of("\"'") != std::string_view::npos;
  Expansion e = expand_word(rest, '\\', nullptr, false);
  if (!e.error.empty() || e.fields.size() != 1) return false;
  h->delimiter = e.fields[0];
  return true;
}

class Lexer {
 public:
  Lexer(std::string_view src, const std::string& path, Diagnostics& diags, size_t max_lines)
      : reader_(src), path_(path), diags_(diags), max_lines_(max_lines) {}

  LexedFile run() {
    Line l;
    while (reader_.next(&l)) {
      if (!directives_done_ && directive(l)) continue;
      directives_done_ = true;
      std::string_view t = ltrim(l.text);
      if (t.empty()) continue;
      if (t[0] == '#') {
        out_.comments[l.number] = std::string(t);
        continue;
      }
      if (out_.lines.size() >= max_lines_) {
        diags_.error("dockerfile.limit", "too many instructions; the rest of the file is ignored",
                     Location{path_, l.number, 1});
        break;
      }
      instruction(l);
    }
    return std::move(out_);
  }

 private:
  Location at(Pos p) const { return Location{path_, p.line, p.column}; }

  bool directive(const Line& l) {
    std::string name, value;
    size_t vcol = 0;
    if (!match_directive(l.text, &name, &value, &vcol)) return false;
    if (name != "syntax" && name != "escape" && name != "check") return false;
    size_t lead = l.text.size() - ltrim(l.text).size();
    Span span{Pos{l.number, static_cast<int>(lead) + 1}, line_end(l)};
    out_.comments[l.number] = std::string(ltrim(l.text));
    for (const auto& d : out_.directives) {
      if (d.name == name) {
        diags_.error("dockerfile.duplicate-directive", "only one " + name + " parser directive can be used",
                     at(span.begin));
        return true;
      }
    }
    if (name == "escape") {
      if (value == "\\" || value == "`") {
        out_.escape = value[0];
      } else {
        diags_.error("dockerfile.bad-escape", "invalid escape token " + value + " does not match ` or \\",
                     at(Pos{l.number, static_cast<int>(lead + vcol) + 1}));
      }
    }
    out_.directives.push_back(Directive{name, value, span});
    return true;
  }

  void instruction(const Line& first) {
    LogicalLine ll;
    size_t from = skip_blanks(first.text, 0);
    bool continued = false;
    append_range(ll.text, first, from, content_end(first.text, out_.escape, &continued));
    ll.span.begin = Pos{first.number, static_cast<int>(from) + 1};
    ll.span.end = line_end(first);
    Line l;
    while (continued && reader_.next(&l)) {
      std::string_view t = ltrim(l.text);
      if (!t.empty() && t[0] == '#') {
        out_.comments[l.number] = std::string(t);
        continue;
      }
      if (t.empty()) {
        ll.empty_continuation = true;
        continue;
      }
      append_range(ll.text, l, 0, content_end(l.text, out_.escape, &continued));
      ll.span.end = line_end(l);
    }
    // A first line holding only the escape leaves the keyword on a later line.
    size_t lead = skip_blanks(ll.text.text, 0);
    if (lead == ll.text.text.size()) return;  // nothing but continuations: no instruction
    if (lead > 0) {
      ll.text = ll.text.slice(lead, ll.text.text.size());
      ll.span.begin = ll.text.at(0);
    }
    for (Heredoc& h : heredoc_openers(ll.text)) read_heredoc(ll, std::move(h));
    out_.lines.push_back(std::move(ll));
  }

  void read_heredoc(LogicalLine& ll, Heredoc h) {
    Line l;
    SourceText terminator;
    bool closed = false;
    while (reader_.next(&l)) {
      std::string_view t = l.text;
      size_t tabs = 0;
      if (h.strip_tabs)
        while (tabs < t.size() && t[tabs] == '\t') ++tabs;
      ll.span.end = line_end(l);
      if (t.substr(tabs) == h.delimiter) {
        append_range(terminator, l, 0, t.size());
        closed = true;
        break;
      }
      append_range(h.body, l, tabs, t.size());
      h.body.append('\n', Pos{l.number, static_cast<int>(t.size()) + 1});
    }
    if (!closed) {
      diags_.error("dockerfile.unterminated-heredoc", "unterminated heredoc <<" + h.delimiter,
                   at(h.span.begin));
      // A delimiter standing at the end of the body, so that the shell sees a closed heredoc.
      Pos end = h.body.at(h.body.text.size());
      for (char c : h.delimiter) terminator.append(c, end);
    }
    h.span.end = ll.span.end;
    ll.heredocs.push_back(std::move(h));
    ll.terminators.push_back(std::move(terminator));
  }

  LineReader reader_;
  const std::string& path_;
  Diagnostics& diags_;
  size_t max_lines_;
  bool directives_done_ = false;
  LexedFile out_;
};

}  // namespace

std::vector<Heredoc> heredoc_openers(const SourceText& line) {
  std::vector<Heredoc> out;
  std::string_view text = line.text;
  if (text.find("<<") == std::string_view::npos) return out;
  std::vector<RawToken> toks = split_raw_words(text, '\\');
  size_t k = 0;
  if (k < toks.size() && iequals(text.substr(toks[k].begin, toks[k].end - toks[k].begin), "onbuild")) ++k;
  if (k >= toks.size() || !takes_heredoc(text.substr(toks[k].begin, toks[k].end - toks[k].begin))) return out;
  ++k;
  while (k < toks.size() && text.substr(toks[k].begin, 2) == "--") ++k;
  std::vector<JsonElement> json;
  if (k < toks.size() && parse_json_array(text.substr(toks[k].begin), &json)) return out;
  for (; k < toks.size(); ++k) {
    Heredoc h;
    if (!parse_opener(text.substr(toks[k].begin, toks[k].end - toks[k].begin), &h)) continue;
    h.span = line.span(toks[k].begin, toks[k].end);
    out.push_back(std::move(h));
  }
  return out;
}

LexedFile lex_dockerfile(std::string_view source, const std::string& path, Diagnostics& diags,
                         size_t max_lines) {
  return Lexer(source, path, diags, max_lines).run();
}

}  // namespace customs::df
