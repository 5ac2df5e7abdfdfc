// The Hyperscan RuleFinder: every rule's regex compiled into one block-mode database with
// HS_FLAG_SINGLEMATCH, so one pass over the text reports each matching rule once.
#include <hs/hs.h>

#include <algorithm>
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
  unsigned flags = HS_FLAG_SINGLEMATCH;
  if (rule.flags & kSecretCaseless) flags |= HS_FLAG_CASELESS;
  if (rule.flags & kSecretMultiline) flags |= HS_FLAG_DOTALL;
  return flags;
}

class HyperscanFinder final : public RuleFinder {
 public:
  explicit HyperscanFinder(Database db) : db_(std::move(db)) {}

  std::vector<uint32_t> candidates(std::string_view text) const override {
    std::vector<uint32_t> hits;
    Scratch scratch = take_scratch();
    hs_scan(
        db_.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(),
        [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
          static_cast<std::vector<uint32_t>*>(ctx)->push_back(id);
          return 0;
        },
        &hits);
    give_back(std::move(scratch));
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    return hits;
  }

 private:
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
  mutable std::mutex mu_;
  mutable std::vector<Scratch> pool_;
};

}  // namespace

Result<std::unique_ptr<RuleFinder>> make_hyperscan_finder(const std::vector<const SecretRule*>& rules) {
  std::vector<std::string> patterns;
  std::vector<const char*> exprs;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  patterns.reserve(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    patterns.emplace_back(rules[i]->regex);
    flags.push_back(rule_flags(*rules[i]));
    ids.push_back(static_cast<unsigned>(i));
  }
  exprs.reserve(patterns.size());
  for (const auto& p : patterns) exprs.push_back(p.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::string why = err && err->message ? err->message : "unknown error";
    std::string rule = err && err->expression >= 0 ? std::string(rules[err->expression]->rule.id) : "?";
    hs_free_compile_error(err);
    return make_error(ErrorKind::kInvalidInput,
                      "secret rule " + rule + ": Hyperscan refused its regex: " + why);
  }
  return std::unique_ptr<RuleFinder>(new HyperscanFinder(Database(db)));
}

}  // namespace customs
