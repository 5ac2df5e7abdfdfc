// The RE2::Set RuleFinder: one unanchored pass over every rule's keywords (caseless literals),
// then the rules whose keyword occurs; rules without keywords always run.
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <string>

#include "analyzers/secrets/rule_finder.h"

namespace customs {

namespace {

class Re2SetFinder final : public RuleFinder {
 public:
  Re2SetFinder(std::unique_ptr<RE2::Set> set, std::vector<std::vector<uint32_t>> rules_of_keyword,
               std::vector<uint32_t> always)
      : set_(std::move(set)), rules_of_keyword_(std::move(rules_of_keyword)), always_(std::move(always)) {}

  std::vector<uint32_t> candidates(std::string_view text) const override {
    std::vector<int> keywords;
    std::vector<uint32_t> out = always_;
    if (set_ && set_->Match(re2::StringPiece(text.data(), text.size()), &keywords))
      for (int k : keywords) out.insert(out.end(), rules_of_keyword_[k].begin(), rules_of_keyword_[k].end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  std::unique_ptr<RE2::Set> set_;
  std::vector<std::vector<uint32_t>> rules_of_keyword_;  // by keyword index in the set
  std::vector<uint32_t> always_;
};

}  // namespace

Result<std::unique_ptr<RuleFinder>> make_re2_set_finder(const std::vector<const SecretRule*>& rules) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(int64_t{64} << 20);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  std::vector<std::string> keywords;  // index = the set's pattern index
  std::vector<std::vector<uint32_t>> rules_of_keyword;
  std::vector<uint32_t> always;
  for (uint32_t i = 0; i < rules.size(); ++i) {
    auto words = rule_keywords(*rules[i]);
    if (words.empty()) always.push_back(i);
    for (std::string_view w : words) {
      auto it = std::find(keywords.begin(), keywords.end(), w);
      if (it == keywords.end()) {
        std::string error;
        if (set->Add(RE2::QuoteMeta(re2::StringPiece(w.data(), w.size())), &error) < 0)
          return make_error(ErrorKind::kInvalidInput, "secret rule " + std::string(rules[i]->rule.id) +
                                                          ": bad keyword '" + std::string(w) + "': " + error);
        keywords.emplace_back(w);
        rules_of_keyword.emplace_back();
        it = keywords.end() - 1;
      }
      rules_of_keyword[static_cast<size_t>(it - keywords.begin())].push_back(i);
    }
  }
  if (keywords.empty()) {
    set.reset();
  } else if (!set->Compile()) {
    return make_error(ErrorKind::kInvalidInput, "the secret rules' keywords do not compile into an RE2::Set");
  }
  return std::unique_ptr<RuleFinder>(
      new Re2SetFinder(std::move(set), std::move(rules_of_keyword), std::move(always)));
}

std::vector<std::string_view> rule_keywords(const SecretRule& rule) {
  std::vector<std::string_view> out;
  std::string_view k = rule.keywords;
  while (!k.empty()) {
    size_t comma = k.find(',');
    std::string_view w = k.substr(0, comma);
    while (!w.empty() && w.front() == ' ') w.remove_prefix(1);
    while (!w.empty() && w.back() == ' ') w.remove_suffix(1);
    if (!w.empty()) out.push_back(w);
    if (comma == std::string_view::npos) break;
    k.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace customs
