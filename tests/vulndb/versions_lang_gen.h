#pragma once
// Random version strings for the differential tests of the language-ecosystem comparators: each
// generator builds strings from the pieces its reference treats specially (separators, spellings,
// zeros, long numbers, case), and a mutation step adds near-misses (a character inserted,
// deleted or changed) so that both sides of every validity rule are exercised. ASCII only (the
// pairs reach the references hex-encoded, so white space of any kind is fine).
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace customs::testing {

class VersionGen {
 public:
  explicit VersionGen(uint64_t seed) : rng_(seed) {}

  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
  std::string pick(const std::vector<std::string>& v) { return v[below(v.size())]; }

  std::string number() {
    static const std::vector<std::string> kNumbers = {"0",
                                                      "1",
                                                      "2",
                                                      "3",
                                                      "9",
                                                      "10",
                                                      "00",
                                                      "01",
                                                      "010",
                                                      "11",
                                                      "100",
                                                      "2147483647",
                                                      "2147483648",
                                                      "99999",
                                                      "123456",
                                                      "1234567890123",
                                                      "99999999999999999999999"};
    return chance(70) ? std::to_string(below(4)) : pick(kNumbers);
  }

  // Inserts, deletes or replaces one character with one of `alphabet`.
  std::string mutate(std::string s, std::string_view alphabet) {
    size_t at = s.empty() ? 0 : below(s.size() + 1);
    char c = alphabet[below(alphabet.size())];
    switch (below(3)) {
      case 0: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c); break;
      case 1:
        if (at < s.size()) s.erase(at, 1);
        break;
      default:
        if (at < s.size()) s[at] = c;
        break;
    }
    return s;
  }

  // A second version for `a`: often a respelling or near-miss of it, so that equal and adjacent
  // pairs are common; otherwise an independent one.
  template <typename Make>
  std::string partner(const std::string& a, Make make, std::string_view alphabet) {
    if (chance(15)) return a;
    if (chance(35)) return mutate(a, alphabet);
    return make();
  }

  std::string pep440() {
    static const std::vector<std::string> kPre = {"a",   "b",       "c", "rc", "alpha", "beta",
                                                  "pre", "preview", "A", "RC", "Alpha", "Pre"};
    static const std::vector<std::string> kPost = {"post", "rev", "r", "POST", "Rev"};
    static const std::vector<std::string> kSep = {"", "", ".", "-", "_"};
    static const std::vector<std::string> kLocal = {"abc", "1", "01", "ubuntu", "A", "0", "deb12u1", "z9"};
    std::string s = pick({"", "", "", "v", "V", " "});
    if (chance(15)) s += number() + "!";
    s += number();
    for (size_t n = below(4); n > 0; --n) s += "." + number();
    if (chance(40)) s += pick(kSep) + pick(kPre) + pick(kSep) + (chance(70) ? number() : "");
    if (chance(30))
      s += chance(30) ? "-" + number() : pick(kSep) + pick(kPost) + pick(kSep) + (chance(70) ? number() : "");
    if (chance(30)) s += pick(kSep) + pick({"dev", "DEV", "Dev"}) + pick(kSep) + (chance(70) ? number() : "");
    if (chance(25)) {
      s += "+" + pick(kLocal);
      for (size_t n = below(3); n > 0; --n) s += pick({".", "-", "_"}) + pick(kLocal);
    }
    if (chance(5)) s += " ";
    return chance(15) ? mutate(s, "-_.+!a1vx ") : s;
  }

  std::string maven() {
    static const std::vector<std::string> kWords = {
        "a",  "b",     "m",       "alpha", "beta",   "milestone", "rc",       "cr", "snapshot",
        "ga", "final", "release", "sp",    "foo",    "x",         "SNAPSHOT", "RC", "Final",
        "GA", "M",     "A",       "jre",   "redhat", "Beta",      "",         "zz"};
    static const std::vector<std::string> kSep = {".", ".", "-", "-", ""};
    std::string s;
    for (size_t n = 1 + below(6); n > 0; --n) {
      s += chance(55) ? number() : pick(kWords);
      if (n > 1) s += pick(kSep);
    }
    if (chance(10)) s += pick({"-", ".", "-SNAPSHOT", ".0", "-0"});
    return chance(15) ? mutate(s, "-._a1m0") : s;
  }

  std::string rubygems() {
    static const std::vector<std::string> kWords = {"a", "pre", "rc", "beta", "alpha", "b", "A", "Z", "x"};
    std::string s = chance(5) ? " " : "";
    s += number();
    for (size_t n = below(4); n > 0; --n)
      s += "." + (chance(70) ? number() : pick(kWords) + (chance(50) ? number() : ""));
    if (chance(20)) s += pick({"a", "b1", "rc2"});
    if (chance(25)) {
      s += "-" + (chance(50) ? pick(kWords) : number());
      for (size_t n = below(3); n > 0; --n) s += pick({".", "-"}) + (chance(50) ? pick(kWords) : number());
    }
    if (chance(5)) s += pick({" ", "  ", "\x0b"});
    if (chance(3)) return pick({"", " ", "0", "0.0", "a", "1.", ".1", "1..2"});
    return chance(15) ? mutate(s, ".-a1 _") : s;
  }

  std::string composer() {
    static const std::vector<std::string> kStability = {"stable", "beta",   "b",      "RC",   "rc",
                                                        "alpha",  "a",      "patch",  "pl",   "p",
                                                        "BETA",   "Stable", "STABLE", "Alpha"};
    static const std::vector<std::string> kBranches = {
        "dev-master", "master",          "trunk",    "default", "1.x-dev",     "1.0.x-dev", "v2.X-dev",
        "1.2.*-dev",  "dev-feature/foo", "DEV-Main", "1.0-dev", "2.1.3.4-dev", "foo-dev",   "1.0.0.0.0-dev"};
    if (chance(10)) return pick(kBranches);
    std::string s = pick({"", "", "v", "V"});
    if (chance(15)) {
      s += pick({"2023", "20230101", "2023.01.01", "2023-01-01", "2023.01.01.12", "202301011230",
                 "2023:01:01", "2023.1.1", "20230101-1"});
    } else {
      s += number();
      for (size_t n = below(4); n > 0; --n) s += "." + number();
    }
    if (chance(45)) {
      s += pick({"", "-", ".", "_"}) + pick(kStability);
      s += pick({"", "", "1", "2", ".3", "-4", "1.2", "0", "10"});
    }
    if (chance(20)) s += pick({"-dev", ".dev", "dev", "-DEV", "_dev"});
    if (chance(8)) s += pick({"@dev", "@stable", "@RC", "+build.1", "+20230101", " as 1.0.0", "@beta"});
    if (chance(4)) s = " " + s + " ";
    return chance(15) ? mutate(s, "-._v1a@+ x") : s;
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace customs::testing
