// apk version comparison, as apk-tools' src/version.c (apk_version_validate and
// apk_version_compare): digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "vulndb/versions/lang_util.h"
#include "vulndb/versions/scan.h"
#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

// Token kinds in the order apk-tools declares them: a token may only follow a lower one (with
// the exceptions token_next() allows), and at the end "more tokens" sorts by this order.
enum Token : uint8_t {
  kInitialDigit,
  kDigit,
  kLetter,
  kSuffix,
  kSuffixNo,
  kCommitHash,
  kRevisionNo,
  kEnd,
  kInvalid,
};

// Suffix ranks: below kNone is a pre-release (sorts before the bare version), above is after.
constexpr int kNone = 5;
struct SuffixRow {
  std::string_view name;
  int rank;
};
constexpr std::array kSuffixes = {
    SuffixRow{"alpha", 1}, SuffixRow{"beta", 2}, SuffixRow{"pre", 3}, SuffixRow{"rc", 4}, SuffixRow{"cvs", 6},
    SuffixRow{"svn", 7},   SuffixRow{"git", 8},  SuffixRow{"hg", 9},  SuffixRow{"p", 10},
};

struct TokenState {
  Token token = kInitialDigit;
  int suffix = 0;
  uint64_t number = 0;     // wraps on overflow, as apk_blob_pull_uint does
  std::string_view value;  // the token's text
};

using langver::is_digit;
using langver::sign;

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

void parse_digits(TokenState& t, std::string_view& s) {
  t.value = take_while(s, is_digit);
  t.number = 0;
  for (char c : t.value) t.number = t.number * 10 + static_cast<uint64_t>(c - '0');
  if (t.value.empty()) t.token = kInvalid;
}

int suffix_rank(std::string_view name) {
  for (const auto& row : kSuffixes) {
    if (row.name == name) return row.rank;
  }
  return 0;
}

void next_digits(TokenState& t, std::string_view& s) {
  if (t.token == kInitialDigit || t.token == kDigit) {
    t.token = kDigit;
  } else if (t.token == kSuffix) {
    t.token = kSuffixNo;
  } else {
    t.token = kInvalid;
    return;
  }
  parse_digits(t, s);
}

// token_next(): classifies the next token by its first character and checks that it may follow.
void next_token(TokenState& t, std::string_view& s) {
  if (s.empty()) {
    t.token = kEnd;
    return;
  }
  char c = s.front();
  if (is_lower(c) && t.token <= kDigit) {
    t.value = s.substr(0, 1);
    t.token = kLetter;
    s.remove_prefix(1);
  } else if (c == '.' && t.token <= kDigit) {
    s.remove_prefix(1);
    next_digits(t, s);
  } else if (is_digit(c)) {
    next_digits(t, s);
  } else if (c == '_' && t.token <= kSuffixNo) {
    s.remove_prefix(1);
    t.value = take_while(s, is_lower);
    t.suffix = suffix_rank(t.value);
    t.token = t.suffix == 0 ? kInvalid : kSuffix;
  } else if (c == '~' && t.token < kCommitHash) {
    s.remove_prefix(1);
    t.value = take_while(s, is_hex);
    t.token = t.value.empty() ? kInvalid : kCommitHash;
  } else if (c == '-' && t.token < kRevisionNo && s.starts_with("-r")) {
    s.remove_prefix(2);
    t.token = kRevisionNo;
    parse_digits(t, s);
  } else {
    t.token = kInvalid;
  }
}

void first_token(TokenState& t, std::string_view& s) {
  t.token = kInitialDigit;
  parse_digits(t, s);
}

bool valid_apk(std::string_view s) {
  TokenState t;
  for (first_token(t, s); t.token < kEnd; next_token(t, s)) {
  }
  return t.token == kEnd;
}

// apk_blob_sort(): bytes, then length.
int blob_sort(std::string_view a, std::string_view b) { return sign(a.compare(b)); }

int token_cmp(const TokenState& a, const TokenState& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  switch (a.token) {
    case kDigit:
      // A leading zero in either makes it a string comparison (as Gentoo does).
      if (a.value.front() == '0' || b.value.front() == '0') return blob_sort(a.value, b.value);
      [[fallthrough]];
    case kInitialDigit:
    case kSuffixNo:
    case kRevisionNo:
      x = a.number;
      y = b.number;
      break;
    case kLetter:
      x = static_cast<unsigned char>(a.value.front());
      y = static_cast<unsigned char>(b.value.front());
      break;
    case kSuffix:
      x = static_cast<uint64_t>(a.suffix);
      y = static_cast<uint64_t>(b.suffix);
      break;
    default: return blob_sort(a.value, b.value);
  }
  return (x > y) - (x < y);
}

int apk_compare(std::string_view a, std::string_view b) {
  TokenState ta;
  TokenState tb;
  for (first_token(ta, a), first_token(tb, b); ta.token == tb.token && ta.token < kEnd;
       next_token(ta, a), next_token(tb, b)) {
    if (int r = token_cmp(ta, tb); r != 0) return r;
  }
  if (ta.token == tb.token) return 0;
  // Equal so far: the longer one is greater unless what it has more of is a pre-release suffix.
  if (ta.token == kSuffix && ta.suffix < kNone) return -1;
  if (tb.token == kSuffix && tb.suffix < kNone) return 1;
  if (ta.token > tb.token) return -1;
  if (tb.token > ta.token) return 1;
  return 0;
}

}  // namespace

std::optional<int> compare_apk(std::string_view a, std::string_view b) {
  if (!valid_apk(a) || !valid_apk(b)) return std::nullopt;
  return apk_compare(a, b);
}

}  // namespace customs
