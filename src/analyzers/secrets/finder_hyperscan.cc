// The Hyperscan RuleFinder: every rule's regex and every keyword (caseless literal) compiled into
// one block-mode database with HS_FLAG_SINGLEMATCH, so one pass over the text reports each
// matching rule and each occurring keyword once. A rule is a candidate when its regex matched and
// one of its keywords occurs (or it has none).
#include <hs/hs.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <mutex>
#include <string>

#include "analyzers/secrets/rule_finder.h"

namespace customs {

namespace {

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct ScratchDeleter {
  void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};
using Database = std::unique_ptr<hs_database_t, DatabaseDeleter>;
using Scratch = std::unique_ptr<hs_scratch_t, ScratchDeleter>;

unsigned rule_flags(const SecretRule& rule) {
  unsigned flags = HS_FLAG_SINGLEMATCH | HS_FLAG_PREFILTER;
  if (rule.flags & kSecretCaseless) flags |= HS_FLAG_CASELESS;
  if (rule.flags & kSecretMultiline) flags |= HS_FLAG_DOTALL;
  return flags;
}

// A keyword as a Hyperscan pattern: every byte but letters and digits as \xHH.
std::string literal_pattern(std::string_view word) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : word) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out.push_back(c);
    } else {
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

class HyperscanFinder final : public RuleFinder {
 public:
  // keywords_of[r]: the ids (>= rule count) of rule r's keywords.
  HyperscanFinder(Database db, std::vector<std::vector<uint32_t>> keywords_of)
      : db_(std::move(db)), keywords_of_(std::move(keywords_of)) {}

  std::vector<uint32_t> candidates(std::string_view text) const override {
    std::vector<uint32_t> hits;
    if (text.size() > std::numeric_limits<unsigned>::max()) return every_rule();
    Scratch scratch = take_scratch();
    hs_error_t rc = hs_scan(
        db_.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(),
        [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
          static_cast<std::vector<uint32_t>*>(ctx)->push_back(id);
          return 0;
        },
        &hits);
    give_back(std::move(scratch));
    if (rc != HS_SUCCESS) return every_rule();  // no scratch space: over-report, never miss
    std::sort(hits.begin(), hits.end());
    std::vector<uint32_t> out;
    for (uint32_t id : hits) {
      if (id >= keywords_of_.size()) break;  // keyword ids follow the rule ids
      const auto& kw = keywords_of_[id];
      if (kw.empty() || std::any_of(kw.begin(), kw.end(), [&](uint32_t k) {
            return std::binary_search(hits.begin(), hits.end(), k);
          }))
        out.push_back(id);
    }
    return out;
  }

 private:
  std::vector<uint32_t> every_rule() const {
    std::vector<uint32_t> all(keywords_of_.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
  }
  // Scratch space is per concurrent scan: a pool, grown on demand.
  Scratch take_scratch() const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!pool_.empty()) {
        Scratch s = std::move(pool_.back());
        pool_.pop_back();
        return s;
      }
    }
    hs_scratch_t* s = nullptr;
    hs_alloc_scratch(db_.get(), &s);
    return Scratch(s);
  }
  void give_back(Scratch s) const {
    std::lock_guard<std::mutex> lock(mu_);
    pool_.push_back(std::move(s));
  }

  Database db_;
  std::vector<std::vector<uint32_t>> keywords_of_;
  mutable std::mutex mu_;
  mutable std::vector<Scratch> pool_;
};

}  // namespace

Result<std::unique_ptr<RuleFinder>> make_hyperscan_finder(const std::vector<const SecretRule*>& rules) {
  std::vector<std::string> patterns;
  std::vector<const char*> exprs;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  std::vector<std::vector<uint32_t>> keywords_of(rules.size());
  std::vector<std::string_view> keywords;
  for (size_t i = 0; i < rules.size(); ++i) {
    patterns.emplace_back(rules[i]->regex);
    flags.push_back(rule_flags(*rules[i]));
    ids.push_back(static_cast<unsigned>(i));
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    for (std::string_view w : rule_keywords(*rules[i])) {
      auto it = std::find(keywords.begin(), keywords.end(), w);
      if (it == keywords.end()) {
        keywords.push_back(w);
        patterns.push_back(literal_pattern(w));
        flags.push_back(HS_FLAG_SINGLEMATCH | HS_FLAG_CASELESS);
        ids.push_back(static_cast<unsigned>(ids.size()));
        it = keywords.end() - 1;
      }
      keywords_of[i].push_back(
          static_cast<uint32_t>(rules.size() + static_cast<size_t>(it - keywords.begin())));
    }
  }
  exprs.reserve(patterns.size());
  for (const auto& p : patterns) exprs.push_back(p.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::string why = err && err->message ? err->message : "unknown error";
    int at = err ? err->expression : -1;
    std::string rule = at >= 0 && static_cast<size_t>(at) < rules.size()
                           ? std::string(rules[at]->rule.id)
                           : "keyword " + patterns[at >= 0 ? at : 0];
    hs_free_compile_error(err);
    return make_error(ErrorKind::kInvalidInput,
                      "secret rule " + rule + ": Hyperscan refused its regex: " + why);
  }
  return std::unique_ptr<RuleFinder>(new HyperscanFinder(Database(db), std::move(keywords_of)));
}

}  // namespace customs
