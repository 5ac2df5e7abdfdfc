// PEP 440 versions as packaging.version.Version (packaging 23) parses and orders them: the
// VERSION_PATTERN regex (case-insensitive, surrounding whitespace allowed) and the _cmpkey sort key.
// A string the regex refuses is invalid (packaging raises InvalidVersion). Numbers have any length.
// Input is bytes: non-ASCII letters are refused (Python's IGNORECASE would also let U+212A KELVIN
// SIGN and a few other folds match "k" and friends; no real version uses them).
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "vulndb/versions/lang_util.h"
#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

using langver::compare_decimal;
using langver::is_digit;

// A pre, post or dev segment; `present` false when the version has none.
struct Segment {
  bool present = false;
  int letter = 0;  // pre: 0 a, 1 b, 2 rc
  std::string_view number;
};

struct Pep440 {
  std::string_view epoch;
  std::vector<std::string_view> release;
  Segment pre, post, dev;
  bool has_local = false;
  std::vector<std::string_view> local;  // parts between [-_.], as written
};

// A cursor over the version text; every match helper consumes only on success.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return pos_ == s_.size(); }
  char peek(size_t k = 0) const { return pos_ + k < s_.size() ? s_[pos_ + k] : '\0'; }
  size_t pos() const { return pos_; }
  void reset(size_t p) { pos_ = p; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool eat_separator() {
    if (peek() != '-' && peek() != '_' && peek() != '.') return false;
    ++pos_;
    return true;
  }
  bool eat_word(std::string_view w) {
    if (!langver::istarts_with(s_.substr(pos_), w)) return false;
    pos_ += w.size();
    return true;
  }
  std::string_view digits() {
    size_t start = pos_;
    while (is_digit(peek())) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  std::string_view alnums() {
    size_t start = pos_;
    while (langver::is_alnum(peek())) ++pos_;
    return s_.substr(start, pos_ - start);
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// Pre-release spellings, longest first so that "alpha" is not read as "a" + "lpha" (the regex
// backtracks to the same choice). Value: 0 a, 1 b, 2 rc.
struct Spelling {
  std::string_view word;
  int letter;
};
constexpr std::array kPreSpellings = {
    Spelling{"preview", 2}, Spelling{"alpha", 0}, Spelling{"beta", 1}, Spelling{"pre", 2},
    Spelling{"rc", 2},      Spelling{"a", 0},     Spelling{"b", 1},    Spelling{"c", 2},
};
constexpr std::array<std::string_view, 3> kPostSpellings = {"post", "rev", "r"};

// [-_.]? number? after a pre/post/dev word: an absent number is 0.
std::string_view optional_number(Cursor& c) {
  size_t at = c.pos();
  bool sep = c.eat_separator();
  std::string_view n = c.digits();
  if (n.empty() && !sep) c.reset(at);
  return n.empty() ? std::string_view("0") : n;
}

bool parse_pre(Cursor& c, Segment& pre) {
  size_t at = c.pos();
  c.eat_separator();
  for (const Spelling& s : kPreSpellings) {
    if (c.eat_word(s.word)) {
      pre = {true, s.letter, optional_number(c)};
      return true;
    }
  }
  c.reset(at);
  return false;
}

bool parse_post(Cursor& c, Segment& post) {
  size_t at = c.pos();
  if (c.eat('-')) {
    std::string_view n = c.digits();
    if (!n.empty()) {
      post = {true, 0, n};
      return true;
    }
    c.reset(at);
  }
  c.eat_separator();
  for (std::string_view w : kPostSpellings) {
    if (c.eat_word(w)) {
      post = {true, 0, optional_number(c)};
      return true;
    }
  }
  c.reset(at);
  return false;
}

bool parse_dev(Cursor& c, Segment& dev) {
  size_t at = c.pos();
  c.eat_separator();
  if (c.eat_word("dev")) {
    dev = {true, 0, optional_number(c)};
    return true;
  }
  c.reset(at);
  return false;
}

// "+" [a-z0-9]+ ([-_.][a-z0-9]+)*
bool parse_local(Cursor& c, Pep440& v) {
  if (!c.eat('+')) return true;
  v.has_local = true;
  for (;;) {
    std::string_view part = c.alnums();
    if (part.empty()) return false;
    v.local.push_back(part);
    size_t at = c.pos();
    if (!c.eat_separator()) return true;
    if (!langver::is_alnum(c.peek())) {
      c.reset(at);
      return false;
    }
  }
}

std::optional<Pep440> parse_pep440(std::string_view s) {
  Cursor c(langver::strip_unicode_space(s, langver::SpaceFlavor::kPython));
  Pep440 v;
  if (c.peek() == 'v' || c.peek() == 'V') c.eat(c.peek());
  std::string_view first = c.digits();
  if (!first.empty() && c.eat('!')) {
    v.epoch = first;
    first = c.digits();
  }
  if (first.empty()) return std::nullopt;
  v.release.push_back(first);
  while (c.peek() == '.' && is_digit(c.peek(1))) {
    c.eat('.');
    v.release.push_back(c.digits());
  }
  parse_pre(c, v.pre);
  parse_post(c, v.post);
  parse_dev(c, v.dev);
  if (!parse_local(c, v) || !c.done()) return std::nullopt;
  return v;
}

// _cmpkey's stand-ins for absent segments: -1 NegativeInfinity, +1 Infinity, 0 a real value.
int marker(const Segment& s, int when_absent) { return s.present ? 0 : when_absent; }

int compare_segment(const Segment& a, const Segment& b, int when_absent) {
  int ma = marker(a, when_absent);
  int mb = marker(b, when_absent);
  if (ma != mb || ma != 0) return langver::sign(ma - mb);
  if (a.letter != b.letter) return a.letter < b.letter ? -1 : 1;
  return compare_decimal(a.number, b.number);
}

// The release with its trailing zeros dropped, compared as a tuple of ints.
int compare_release(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  auto trimmed = [](const std::vector<std::string_view>& r) {
    size_t n = r.size();
    while (n > 0 && langver::is_zero(r[n - 1])) --n;
    return n;
  };
  size_t na = trimmed(a);
  size_t nb = trimmed(b);
  for (size_t i = 0; i < na && i < nb; ++i) {
    if (int r = compare_decimal(a[i], b[i]); r != 0) return r;
  }
  return langver::three_way(na, nb);
}

// Local parts: numbers sort above words, numbers by value, words by their lower-case text.
int compare_local_part(std::string_view a, std::string_view b) {
  bool na = langver::all_digits(a);
  bool nb = langver::all_digits(b);
  if (na != nb) return na ? 1 : -1;
  return na ? compare_decimal(a, b) : langver::compare_ignore_case(a, b);
}

int compare_local(const Pep440& a, const Pep440& b) {
  if (a.has_local != b.has_local) return a.has_local ? 1 : -1;
  for (size_t i = 0; i < a.local.size() && i < b.local.size(); ++i) {
    if (int r = compare_local_part(a.local[i], b.local[i]); r != 0) return r;
  }
  return langver::three_way(a.local.size(), b.local.size());
}

// _cmpkey: a version with only a dev segment sorts before its pre-releases ("1.0.dev0" < "1.0a0").
int pre_when_absent(const Pep440& v) { return (!v.post.present && v.dev.present) ? -1 : 1; }

int compare_keys(const Pep440& a, const Pep440& b) {
  if (int r = compare_decimal(a.epoch, b.epoch); r != 0) return r;
  if (int r = compare_release(a.release, b.release); r != 0) return r;
  int pa = marker(a.pre, pre_when_absent(a));
  int pb = marker(b.pre, pre_when_absent(b));
  if (pa != pb) return langver::sign(pa - pb);
  if (pa == 0) {
    if (int r = compare_segment(a.pre, b.pre, 0); r != 0) return r;
  }
  if (int r = compare_segment(a.post, b.post, -1); r != 0) return r;
  if (int r = compare_segment(a.dev, b.dev, 1); r != 0) return r;
  return compare_local(a, b);
}

}  // namespace

namespace {

// True for a bare release: ASCII digits separated by single dots ("1", "2.31.0"), the common case.
bool is_plain_release(std::string_view v) {
  if (v.empty() || v.front() == '.' || v.back() == '.') return false;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c == '.' ? v[i - 1] == '.' : (c < '0' || c > '9')) return false;
  }
  return true;
}

// The next dot-separated number of a plain release, leading zeros dropped ("" for a missing one,
// which compares as 0).
std::string_view next_number(std::string_view& v) {
  size_t dot = v.find('.');
  std::string_view n = v.substr(0, dot);
  v = dot == std::string_view::npos ? std::string_view() : v.substr(dot + 1);
  while (!n.empty() && n.front() == '0') n.remove_prefix(1);
  return n;
}

// Two bare releases compared as PEP 440 does (numerically, missing parts are 0), without the full
// parse; nullopt when either is anything else.
std::optional<int> compare_plain_releases(std::string_view a, std::string_view b) {
  if (!is_plain_release(a) || !is_plain_release(b)) return std::nullopt;
  while (!a.empty() || !b.empty()) {
    std::string_view x = next_number(a);
    std::string_view y = next_number(b);
    if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
    if (int c = x.compare(y); c != 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

}  // namespace

std::optional<int> compare_pep440(std::string_view a, std::string_view b) {
  if (auto plain = compare_plain_releases(a, b)) return plain;
  auto va = parse_pep440(a);
  auto vb = parse_pep440(b);
  if (!va || !vb) return std::nullopt;
  return compare_keys(*va, *vb);
}

}  // namespace customs
