// Maven versions as org.apache.maven.artifact.versioning.ComparableVersion of Maven 3.8.7 (the
// class in Debian's maven-artifact jar) orders them. Every string is a version.
//
// ComparableVersion parses into nested lists: "." separates items of a list, "-" and every
// letter/digit transition open a sub-list, and each list receives at most one sub-list, as its
// last item. So a version is a chain of levels (scalars, then maybe the next level), and the
// recursive comparisons of the Java class become loops here. Bytes: letters are lower-cased in
// ASCII and only ASCII digits are digits (Java also folds and reads non-ASCII ones).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vulndb/versions/lang_util.h"
#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

using langver::sign;

// IntItem/LongItem/BigIntegerItem (digits, any length) or StringItem (its qualifier after aliases).
struct Scalar {
  bool is_number = false;
  std::string text;
};

struct Level {
  std::vector<Scalar> scalars;
  bool has_child = false;  // the next level is this list's last item
};

using Chain = std::vector<Level>;

constexpr std::array<std::string_view, 7> kQualifiers = {"alpha",    "beta", "milestone", "rc",
                                                         "snapshot", "",     "sp"};
struct Alias {
  std::string_view from, to;
};
constexpr std::array kAliases = {Alias{"ga", ""}, Alias{"final", ""}, Alias{"release", ""},
                                 Alias{"cr", "rc"}};

// StringItem(value, followedByDigit): "a1" is alpha-1, "b1" beta-1, "m1" milestone-1.
Scalar make_string(std::string_view value, bool followed_by_digit) {
  if (followed_by_digit && value == "a") value = "alpha";
  if (followed_by_digit && value == "b") value = "beta";
  if (followed_by_digit && value == "m") value = "milestone";
  for (const Alias& a : kAliases) {
    if (value == a.from) value = a.to;
  }
  return Scalar{false, std::string(value)};
}

Scalar make_item(bool is_digit, std::string_view text) {
  return is_digit ? Scalar{true, std::string(text)} : make_string(text, false);
}

// comparableQualifier(): the index of a known qualifier, else "7-" + the qualifier.
std::string comparable_qualifier(std::string_view q) {
  for (size_t i = 0; i < kQualifiers.size(); ++i) {
    if (kQualifiers[i] == q) return std::to_string(i);
  }
  return std::to_string(kQualifiers.size()) + "-" + std::string(q);
}

bool is_null(const Scalar& s) {
  return s.is_number ? langver::is_zero(s.text) : comparable_qualifier(s.text) == "5";
}

// Builds the chain as ComparableVersion.parseVersion() builds its lists.
class ChainBuilder {
 public:
  void add(Scalar s) { chain_.back().scalars.push_back(std::move(s)); }
  void open_list() {
    chain_.back().has_child = true;
    chain_.emplace_back();
  }
  bool current_empty() const { return chain_.back().scalars.empty() && !chain_.back().has_child; }
  Chain take() { return std::move(chain_); }

 private:
  Chain chain_ = Chain(1);
};

Chain parse_maven(std::string_view version) {
  std::string v(version);
  for (char& c : v) c = langver::to_lower_ascii(c);
  ChainBuilder b;
  bool is_digit = false;
  size_t start = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    std::string_view token = std::string_view(v).substr(start, i - start);
    if (c == '.' || c == '-') {
      b.add(i == start ? Scalar{true, "0"} : make_item(is_digit, token));
      start = i + 1;
      if (c == '-') b.open_list();
    } else if (langver::is_digit(c)) {
      if (!is_digit && i > start) {
        if (!b.current_empty()) b.open_list();  // 1.0.0.X1 < 1.0.0-X2
        b.add(make_string(token, true));
        start = i;
        b.open_list();
      }
      is_digit = true;
    } else {
      if (is_digit && i > start) {
        b.add(make_item(true, token));
        start = i;
        b.open_list();
      }
      is_digit = false;
    }
  }
  if (v.size() > start) {
    if (!is_digit && !b.current_empty()) b.open_list();  // treat .X as -X
    b.add(make_item(is_digit, std::string_view(v).substr(start)));
  }
  return b.take();
}

// ListItem.normalize(), deepest list first: trailing null items go (0, "", empty lists), and
// the walk goes on past a non-empty sub-list.
void normalize(Chain& chain) {
  for (size_t k = chain.size(); k-- > 0;) {
    Level& level = chain[k];
    if (level.has_child && chain[k + 1].scalars.empty() && !chain[k + 1].has_child) {
      level.has_child = false;
    }
    while (!level.scalars.empty() && is_null(level.scalars.back())) level.scalars.pop_back();
  }
}

int compare_scalars(const Scalar& a, const Scalar& b) {
  if (a.is_number != b.is_number) return a.is_number ? 1 : -1;
  if (a.is_number) return langver::compare_decimal(a.text, b.text);
  return sign(comparable_qualifier(a.text).compare(comparable_qualifier(b.text)));
}

// Item.compareTo(null): how an item compares with nothing (1-rc < 1, 1-ga == 1, 1.1 > 1).
int scalar_vs_nothing(const Scalar& s) {
  if (s.is_number) return langver::is_zero(s.text) ? 0 : 1;
  return sign(comparable_qualifier(s.text).compare("5"));
}

// ListItem.compareTo(null) for the list at chain[k]: its first item that differs from nothing.
int list_vs_nothing(const Chain& chain, size_t k) {
  for (; k < chain.size(); ++k) {
    for (const Scalar& s : chain[k].scalars) {
      if (int r = scalar_vs_nothing(s); r != 0) return r;
    }
    if (!chain[k].has_child) return 0;
  }
  return 0;
}

// One list against another, item by item; a sub-list is always last, so comparing two
// sub-lists continues with the next levels.
int compare_chains(const Chain& a, const Chain& b) {
  size_t ka = 0;
  size_t kb = 0;
  for (;;) {
    const Level& la = a[ka];
    const Level& lb = b[kb];
    size_t na = la.scalars.size() + (la.has_child ? 1 : 0);
    size_t nb = lb.scalars.size() + (lb.has_child ? 1 : 0);
    for (size_t i = 0; i < na || i < nb; ++i) {
      bool a_list = i == la.scalars.size() && la.has_child;
      bool b_list = i == lb.scalars.size() && lb.has_child;
      int r = 0;
      if (i >= na) {
        r = -(b_list ? list_vs_nothing(b, kb + 1) : scalar_vs_nothing(lb.scalars[i]));
      } else if (i >= nb) {
        r = a_list ? list_vs_nothing(a, ka + 1) : scalar_vs_nothing(la.scalars[i]);
      } else if (a_list && b_list) {
        break;  // both sub-lists: compare the next levels
      } else if (a_list) {
        r = lb.scalars[i].is_number ? -1 : 1;  // 1-1 < 1.0.x, 1-1 > 1-sp
      } else if (b_list) {
        r = la.scalars[i].is_number ? 1 : -1;
      } else {
        r = compare_scalars(la.scalars[i], lb.scalars[i]);
      }
      if (r != 0) return r;
      if (i + 1 >= na && i + 1 >= nb) return 0;
    }
    if (na == 0 && nb == 0) return 0;
    ++ka;
    ++kb;
  }
}

}  // namespace

std::optional<int> compare_maven(std::string_view a, std::string_view b) {
  Chain ca = parse_maven(a);
  Chain cb = parse_maven(b);
  normalize(ca);
  normalize(cb);
  return compare_chains(ca, cb);
}

}  // namespace customs
