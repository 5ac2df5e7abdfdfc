// Multi-pattern secret scan: RE2 (each pattern alone; RE2::Set to pick the patterns, then each),
// Hyperscan (all patterns in one database, then RE2 anchored at each start to get the exact match)
// and std::regex, file by file, on
//   text        ~50 MB of generated config files, source code and shell scripts with planted secrets
//   text_head   its first ~2 MB (std::regex is too slow for the whole text)
//   dockerfiles the 2,000 Dockerfiles of bench/gen_dockerfile_corpus.py, concatenated
// Every engine reports, per pattern, leftmost-first non-overlapping matches (start, end); the digest
// covers all of them, so equal digests mean equal findings. "hyperscan_raw" is the bare Hyperscan
// scan (match callbacks counted, no extraction): the speed of the prefilter alone.
#include <hs/hs.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <map>
#include <memory>
#include <regex>

#include "common.h"

namespace {

using deps::Result;

struct Pattern {
  const char* name;
  const char* regex;  // RE2 / Hyperscan / ECMAScript common subset
  bool caseless;
};

// 22 rules in the style of gitleaks / trufflehog; the first ones are customs' DF042 patterns.
constexpr Pattern kPatterns[] = {
    {"private_key", R"(-----BEGIN[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----)", false},
    {"aws_key_id", R"(\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)", false},
    {"aws_secret", R"(aws_?secret_?access_?key["']?[\s=:"']+([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))", true},
    {"github_token", R"(\bgh[pousr]_[A-Za-z0-9]{36}\b)", false},
    {"github_pat", R"(\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})", false},
    {"gitlab_token", R"(\bglpat-[A-Za-z0-9_\-]{20,})", false},
    {"slack_token", R"(\bxox[baprs]-[A-Za-z0-9\-]{10,})", false},
    {"slack_webhook", R"(https://hooks\.slack\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{24})",
     false},
    {"stripe_key", R"(\b[sr]k_live_[A-Za-z0-9]{24,})", false},
    {"google_api_key", R"(\bAIza[0-9A-Za-z_\-]{35})", false},
    {"npm_token", R"(\bnpm_[A-Za-z0-9]{36}\b)", false},
    {"npmrc_auth", R"((?:_authToken|_auth|_password)\s*=\s*["']?([^\s"'$]+))", false},
    {"jwt", R"(\beyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{8,})", false},
    {"url_password", R"(\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'"]*:([^\s:/@'"$]+)@[A-Za-z0-9\[])", false},
    {"generic_password", R"(\b(?:password|passwd|pwd|secret|api_?key|token)\s*[=:]\s*["']?([^\s"'$<{]{8,}))",
     true},
    {"twilio_key", R"(\bSK[0-9a-fA-F]{32}\b)", false},
    {"sendgrid_key", R"(\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b)", false},
    {"azure_storage_key", R"(AccountKey=[A-Za-z0-9+/=]{88})", false},
    {"digitalocean_token", R"(\bdop_v1_[a-f0-9]{64}\b)", false},
    {"openai_key", R"(\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b)", false},
    {"basic_auth", R"(authorization:\s*basic\s+([A-Za-z0-9+/=]{16,}))", true},
    {"docker_auth", R"re("auth"\s*:\s*"([A-Za-z0-9+/=]{16,})")re", false},
};
constexpr int kCount = sizeof(kPatterns) / sizeof(kPatterns[0]);

std::string re2_source(const Pattern& p) { return std::string(p.caseless ? "(?i)" : "") + p.regex; }

struct Match {
  int pattern;
  size_t file, begin, end;
  bool operator<(const Match& o) const {
    return std::tie(file, pattern, begin, end) < std::tie(o.file, o.pattern, o.begin, o.end);
  }
};

Result summarize(std::vector<Match>& ms) {
  std::sort(ms.begin(), ms.end());
  Result r;
  int per[kCount] = {};
  for (const Match& m : ms) {
    r.digest = deps::mix(deps::mix(deps::mix(deps::mix(r.digest, m.file), m.pattern), m.begin), m.end);
    ++per[m.pattern];
  }
  r.detail = "matches=" + std::to_string(ms.size());
  for (int i = 0; i < kCount; ++i)
    if (per[i]) r.detail += " " + std::string(kPatterns[i].name) + "=" + std::to_string(per[i]);
  return r;
}

// ---------------------------------------------------------------- inputs

struct Corpus {
  std::string text;
  std::vector<std::string_view> files;
};

const Corpus& corpus(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Corpus>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<Corpus>();
    if (name == "text_head") {
      const Corpus& full = corpus("text");
      size_t n = 0;
      for (std::string_view f : full.files) {
        if (n >= 2000000) break;
        slot->files.push_back(f);
        n += f.size();
      }
    } else {
      slot->text = deps::read_file(deps::input_dir() + "/" + name + ".txt");
      slot->files = deps::split_files(slot->text);
    }
  }
  return *slot;
}

size_t corpus_bytes(const std::string& name) {
  size_t n = 0;
  for (std::string_view f : corpus(name).files) n += f.size();
  return n;
}

// ---------------------------------------------------------------- RE2

const std::vector<std::unique_ptr<RE2>>& re2_all() {
  static const std::vector<std::unique_ptr<RE2>> res = [] {
    std::vector<std::unique_ptr<RE2>> v;
    RE2::Options o;
    o.set_log_errors(false);
    for (const Pattern& p : kPatterns) {
      v.push_back(std::make_unique<RE2>(re2_source(p), o));
      if (!v.back()->ok()) std::fprintf(stderr, "RE2 rejects %s: %s\n", p.name, v.back()->error().c_str());
    }
    return v;
  }();
  return res;
}

void re2_one(int pi, size_t fi, std::string_view text, std::vector<Match>& out) {
  const RE2& re = *re2_all()[pi];
  re2::StringPiece m, in(text.data(), text.size());
  size_t start = 0;
  while (start <= text.size() && re.Match(in, start, text.size(), RE2::UNANCHORED, &m, 1)) {
    size_t b = m.data() - text.data(), e = b + m.size();
    out.push_back({pi, fi, b, e});
    start = e > b ? e : e + 1;
  }
}

Result re2_individual(const std::string& name) {
  std::vector<Match> out;
  const auto& files = corpus(name).files;
  for (size_t fi = 0; fi < files.size(); ++fi)
    for (int pi = 0; pi < kCount; ++pi) re2_one(pi, fi, files[fi], out);
  return summarize(out);
}

const RE2::Set& re2_set() {
  static const std::unique_ptr<RE2::Set> set = [] {
    RE2::Options o;
    o.set_log_errors(false);
    auto s = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    for (const Pattern& p : kPatterns) s->Add(re2_source(p), nullptr);
    s->Compile();
    return s;
  }();
  return *set;
}

Result re2_set_then_each(const std::string& name) {
  std::vector<Match> out;
  std::vector<int> hit;
  const auto& files = corpus(name).files;
  for (size_t fi = 0; fi < files.size(); ++fi) {
    hit.clear();
    if (!re2_set().Match(files[fi], &hit)) continue;
    for (int pi : hit) re2_one(pi, fi, files[fi], out);
  }
  return summarize(out);
}

// ---------------------------------------------------------------- Hyperscan

struct Hyperscan {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  Hyperscan() {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    for (int i = 0; i < kCount; ++i) {
      exprs.push_back(kPatterns[i].regex);
      flags.push_back(HS_FLAG_SOM_LEFTMOST | (kPatterns[i].caseless ? HS_FLAG_CASELESS : 0));
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), kCount, HS_MODE_BLOCK, nullptr, &db, &err) !=
        HS_SUCCESS) {
      std::fprintf(stderr, "hyperscan: pattern %d: %s\n", err->expression, err->message);
      std::exit(2);
    }
    hs_alloc_scratch(db, &scratch);
  }
};

const Hyperscan& hyperscan() {
  static const Hyperscan h;
  return h;
}

struct Hit {
  unsigned pattern;
  unsigned long long from;
  bool operator<(const Hit& o) const { return std::tie(pattern, from) < std::tie(o.pattern, o.from); }
  bool operator==(const Hit& o) const { return pattern == o.pattern && from == o.from; }
};

int on_hit(unsigned id, unsigned long long from, unsigned long long, unsigned, void* ctx) {
  static_cast<std::vector<Hit>*>(ctx)->push_back({id, from});
  return 0;
}

// Hyperscan gives every (pattern, leftmost start) of a match; RE2 anchored there gives its end.
Result hyperscan_then_re2(const std::string& name) {
  std::vector<Match> out;
  std::vector<Hit> hits;
  const auto& files = corpus(name).files;
  for (size_t fi = 0; fi < files.size(); ++fi) {
    std::string_view text = files[fi];
    hits.clear();
    hs_scan(hyperscan().db, text.data(), static_cast<unsigned>(text.size()), 0, hyperscan().scratch, on_hit,
            &hits);
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    size_t last_end = 0;
    int last_pattern = -1;
    for (const Hit& h : hits) {
      int pi = static_cast<int>(h.pattern);
      if (pi == last_pattern && h.from < last_end) continue;
      re2::StringPiece m, in(text.data(), text.size());
      if (!re2_all()[pi]->Match(in, h.from, text.size(), RE2::ANCHOR_START, &m, 1)) continue;
      size_t e = h.from + m.size();
      out.push_back({pi, fi, h.from, e});
      last_pattern = pi, last_end = e > h.from ? e : e + 1;
    }
  }
  return summarize(out);
}

int count_hit(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<uint64_t*>(ctx);
  return 0;
}

Result hyperscan_raw(const std::string& name) {
  uint64_t n = 0;
  for (std::string_view text : corpus(name).files)
    hs_scan(hyperscan().db, text.data(), static_cast<unsigned>(text.size()), 0, hyperscan().scratch,
            count_hit, &n);
  return {n, "raw_callbacks=" + std::to_string(n)};
}

// ---------------------------------------------------------------- std::regex

const std::vector<std::regex>& std_all() {
  static const std::vector<std::regex> res = [] {
    std::vector<std::regex> v;
    for (const Pattern& p : kPatterns)
      v.emplace_back(p.regex,
                     p.caseless ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript);
    return v;
  }();
  return res;
}

Result std_regex(const std::string& name) {
  std::vector<Match> out;
  const auto& files = corpus(name).files;
  for (size_t fi = 0; fi < files.size(); ++fi) {
    const char* b = files[fi].data();
    for (int pi = 0; pi < kCount; ++pi)
      for (std::cregex_iterator it(b, b + files[fi].size(), std_all()[pi]), end; it != end; ++it)
        out.push_back({pi, fi, static_cast<size_t>(it->position()),
                       static_cast<size_t>(it->position() + it->length())});
  }
  return summarize(out);
}

// ---------------------------------------------------------------- registration

void add_cases(const std::string& input, bool with_std) {
  auto bytes = [input] { return corpus_bytes(input); };
  int64_t n = 0;  // files are counted on first use, so not reported as items
  deps::add({input + "/none", bytes,
             [input] {
               return Result{corpus_bytes(input), "files=" + std::to_string(corpus(input).files.size())};
             },
             n});
  deps::add({input + "/re2_individual", bytes, [input] { return re2_individual(input); }, n});
  deps::add({input + "/re2_set", bytes, [input] { return re2_set_then_each(input); }, n});
  deps::add({input + "/hyperscan", bytes, [input] { return hyperscan_then_re2(input); }, n});
  deps::add({input + "/hyperscan_raw", bytes, [input] { return hyperscan_raw(input); }, n});
  if (with_std) deps::add({input + "/std_regex", bytes, [input] { return std_regex(input); }, n});
}

}  // namespace

int main(int argc, char** argv) {
  add_cases("text", false);
  add_cases("text_head", true);
  add_cases("dockerfiles", true);
  return deps::main(argc, argv);
}
