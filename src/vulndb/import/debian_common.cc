// Debian release names, tracker annotations and entries, shared by the Debian importers.
#include <algorithm>
#include <array>
#include <cstdio>

#include "core/strings.h"
#include "vulndb/import/debian.h"
#include "vulndb/import/feed_util.h"

namespace customs {

namespace {

struct Release {
  std::string_view codename;
  std::string_view version;
};

// Every Debian release (debian_version numbering), and the next two named ones.
constexpr std::array<Release, 21> kReleases{{
    {"buzz", "1.1"},     {"rex", "1.2"},     {"bo", "1.3"},    {"hamm", "2.0"},  {"slink", "2.1"},
    {"potato", "2.2"},   {"woody", "3.0"},   {"sarge", "3.1"}, {"etch", "4"},    {"lenny", "5"},
    {"squeeze", "6"},    {"wheezy", "7"},    {"jessie", "8"},  {"stretch", "9"}, {"buster", "10"},
    {"bullseye", "11"},  {"bookworm", "12"}, {"trixie", "13"}, {"forky", "14"},  {"duke", "15"},
    {"sid", "unstable"},
}};

// How a tracker annotation kind becomes a fix state. `keep` false: the package is not in the
// release at all ("removed", "itp"), so there is nothing to match.
struct KindRule {
  std::string_view kind;
  FixState state;
  std::string_view note;
  bool keep;
};

constexpr std::array<KindRule, 10> kKinds{{
    {"fixed", FixState::kAffected, "", true},
    {"not-affected", FixState::kNotAffected, "", true},
    {"unfixed", FixState::kUnfixed, "", true},
    {"no-dsa", FixState::kWontFix, "no DSA", true},
    {"ignored", FixState::kWontFix, "ignored (no DSA)", true},
    {"postponed", FixState::kUnfixed, "postponed (no DSA)", true},
    {"end-of-life", FixState::kEndOfLife, "", true},
    {"undetermined", FixState::kUnfixed, "undetermined (not yet triaged by Debian)", true},
    {"removed", FixState::kNotAffected, "", false},
    {"itp", FixState::kNotAffected, "", false},
}};

constexpr std::array<std::string_view, 4> kUrgencies{"unimportant", "low", "medium", "high"};

const KindRule* find_kind(std::string_view kind) {
  for (const KindRule& r : kKinds) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

int urgency_rank(std::string_view label) {
  auto it = std::find(kUrgencies.begin(), kUrgencies.end(), label);
  return it == kUrgencies.end() ? 0 : static_cast<int>(it - kUrgencies.begin()) + 1;
}

// "low; bug #123" -> urgency "low", description "bug #123".
void split_description(std::string_view text, DebianPackageLine& out) {
  std::vector<std::string> kept;
  for (const std::string& part : split(text, ';')) {
    std::string_view p = trim(part);
    if (p.empty()) continue;
    if (urgency_rank(p) > 0 && out.urgency.empty()) {
      out.urgency = std::string(p);
    } else {
      kept.emplace_back(p);
    }
  }
  out.description = join(kept, "; ");
}

// "29 Mar 2023" -> "2023-03-29T00:00:00Z"; "" when it is not such a date.
std::string list_date(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::vector<std::string> parts = split_whitespace(text);
  if (parts.size() != 3 || parts[0].size() > 2 || parts[2].size() != 4) return {};
  auto month = std::find(kMonths.begin(), kMonths.end(), parts[1]);
  bool digits = std::all_of(parts[0].begin(), parts[0].end(), ::isdigit) &&
                std::all_of(parts[2].begin(), parts[2].end(), ::isdigit);
  if (month == kMonths.end() || !digits || parts[0].empty()) return {};
  int day = std::stoi(parts[0]);
  if (day < 1 || day > 31) return {};
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%s-%02d-%02dT00:00:00Z", parts[2].c_str(),
                static_cast<int>(month - kMonths.begin()) + 1, day);
  return buf.data();
}

}  // namespace

std::optional<std::string> debian_ecosystem(std::string_view codename) {
  if (codename.empty() || codename == "unstable") return std::string("Debian:unstable");
  for (const Release& r : kReleases) {
    if (r.codename == codename) return "Debian:" + std::string(r.version);
  }
  return std::nullopt;
}

std::optional<DebianPackageLine> parse_debian_package_line(std::string_view text) {
  DebianPackageLine out;
  text = trim(text);
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.release = std::string(trim(text.substr(1, close - 1)));
    text = trim(text.substr(close + 1));
  }
  if (text.size() < 2 || text[0] != '-' || (text[1] != ' ' && text[1] != '\t')) return std::nullopt;
  text = text.substr(2);
  if (size_t open = text.find('('); open != std::string_view::npos) {
    size_t close = text.rfind(')');
    if (close == std::string_view::npos || close < open) return std::nullopt;
    split_description(text.substr(open + 1, close - open - 1), out);
    text = text.substr(0, open);
  }
  std::vector<std::string> words = split_whitespace(text);
  if (words.size() != 2) return std::nullopt;
  out.package = words[0];
  const std::string& v = words[1];
  if (v.front() == '<' && v.back() == '>') {
    out.kind = v.substr(1, v.size() - 2);
  } else {
    out.kind = "fixed";
    out.version = v;
  }
  return out;
}

bool parse_debian_list_header(std::string_view line, DebianEntry& entry) {
  if (line.empty() || line[0] != '[') return false;
  size_t close = line.find(']');
  if (close == std::string_view::npos) return false;
  std::vector<std::string> words = split_whitespace(line.substr(close + 1));
  if (words.empty() || !(words[0].starts_with("DSA-") || words[0].starts_with("DLA-"))) return false;
  entry.id = words[0];
  entry.published = list_date(line.substr(1, close - 1));
  std::string_view rest = trim(line.substr(line.find(words[0], close) + words[0].size()));
  size_t dash = rest.find(" - ");
  entry.summary = std::string(dash == std::string_view::npos ? rest : trim(rest.substr(dash + 3)));
  return true;
}

bool apply_debian_kind(std::string_view kind, const std::string& version, Affected& a) {
  const KindRule* rule = find_kind(kind);
  if (rule == nullptr || (kind == "fixed" && version.empty())) return false;
  a.state = rule->state;
  a.note = std::string(rule->note);
  a.ranges.clear();
  if (kind == "fixed" && version == "0") a.state = FixState::kNotAffected;
  if (a.state == FixState::kNotAffected) return true;
  AffectedRange range;
  range.type = "ECOSYSTEM";
  range.events.push_back(RangeEvent{RangeEvent::Kind::kIntroduced, "0"});
  if (kind == "fixed") range.events.push_back(RangeEvent{RangeEvent::Kind::kFixed, version});
  a.ranges.push_back(std::move(range));
  return true;
}

void add_debian_urgency_rating(Advisory& adv) {
  std::string best;
  for (const Affected& a : adv.affected) {
    if (urgency_rank(a.severity_label) > urgency_rank(best)) best = a.severity_label;
  }
  if (best.empty()) return;
  SeverityRating r;
  r.source = "debian";
  r.type = "text";
  r.label = best;
  adv.severities.push_back(std::move(r));
}

std::string_view debian_source_for(std::string_view id) {
  if (id.starts_with("DSA-")) return "debian-dsa";
  if (id.starts_with("DLA-")) return "debian-dla";
  return "debian-tracker";
}

namespace {

std::optional<Affected> entry_affected(const DebianPackageLine& line, const std::vector<std::string>& notes,
                                       std::string_view name, Diagnostics& diags) {
  const KindRule* rule = find_kind(line.kind);
  if (rule != nullptr && !rule->keep) return std::nullopt;
  std::optional<std::string> ecosystem = debian_ecosystem(line.release);
  if (!ecosystem) {
    diags.warning("debian.unknown-release",
                  "unknown Debian release \"" + line.release + "\"; package line skipped",
                  feed_location(name, line.line));
    return std::nullopt;
  }
  Affected a;
  a.ecosystem = *ecosystem;
  a.package = line.package;
  if (!apply_debian_kind(line.kind, line.version, a)) {
    diags.warning("debian.unknown-kind", "unknown tracker state <" + line.kind + ">; package line skipped",
                  feed_location(name, line.line));
    return std::nullopt;
  }
  std::vector<std::string> parts;
  if (!a.note.empty()) parts.push_back(a.note);
  if (!line.description.empty()) parts.push_back(line.description);
  parts.insert(parts.end(), notes.begin(), notes.end());
  a.note = join(parts, "; ");
  a.severity_label = line.urgency;
  return a;
}

}  // namespace

Advisory debian_entry_advisory(const DebianEntry& entry, std::string_view source, std::string_view name,
                               Diagnostics& diags) {
  Advisory adv;
  adv.id = entry.id;
  adv.source = std::string(source);
  adv.summary = entry.summary;
  adv.published = entry.published;
  for (const std::string& x : entry.xrefs) {
    if (x != entry.id && std::find(adv.aliases.begin(), adv.aliases.end(), x) == adv.aliases.end())
      adv.aliases.push_back(x);
  }
  adv.references.push_back("https://security-tracker.debian.org/tracker/" + entry.id);
  for (const DebianPackageLine& line : entry.packages) {
    if (std::optional<Affected> a = entry_affected(line, entry.notes, name, diags))
      adv.affected.push_back(std::move(*a));
  }
  if (adv.affected.empty()) adv.details = join(entry.notes, "\n");
  add_debian_urgency_rating(adv);
  return adv;
}

}  // namespace customs
