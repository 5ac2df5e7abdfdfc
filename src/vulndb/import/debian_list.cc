// The Debian security tracker's DSA and DLA lists (data/DSA/list, data/DLA/list): one entry per
// advisory, a header line at column 0 and tab- or space-indented lines under it:
//   [29 Mar 2023] DSA-5380-1 xorg-server - security update
//   	{CVE-2023-1393}
//   	[bullseye] - xorg-server 2:1.20.11-1+deb11u6
//   	NOTE: fixed in testing at time of DSA
#include "core/strings.h"
#include "vulndb/import/debian.h"
#include "vulndb/import/feed_util.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

struct ListState {
  std::string_view name;
  Diagnostics& diags;
  std::vector<DebianEntry> entries;
  bool skipping = false;  // the current entry's header was bad (already reported)
};

void bad_line(ListState& st, int line, std::string message) {
  st.diags.warning("debian.bad-line", std::move(message), feed_location(st.name, line));
}

void read_body_line(ListState& st, std::string_view text, int line) {
  if (st.skipping) return;
  if (st.entries.empty()) return bad_line(st, line, "indented line outside of an entry");
  DebianEntry& e = st.entries.back();
  if (text.front() == '{') {
    if (text.back() != '}') return bad_line(st, line, "unterminated {...} id list");
    for (std::string& id : split_whitespace(text.substr(1, text.size() - 2)))
      e.xrefs.push_back(std::move(id));
  } else if (text.starts_with("NOTE:")) {
    e.notes.emplace_back(trim(text.substr(5)));
  } else if (std::optional<DebianPackageLine> pkg = parse_debian_package_line(text)) {
    pkg->line = line;
    e.packages.push_back(std::move(*pkg));
  } else {
    bad_line(st, line,
             "not a {ids}, [release] - package version or NOTE: line: \"" + std::string(text) + "\"");
  }
}

void read_header_line(ListState& st, std::string_view text, int line) {
  DebianEntry e;
  e.line = line;
  if (!parse_debian_list_header(text, e)) {
    st.skipping = true;
    return bad_line(st, line, "not a \"[DD Mon YYYY] DSA-NNNN-N package - title\" header; entry skipped");
  }
  st.skipping = false;
  if (e.published.empty())
    st.diags.warning("debian.bad-date", "entry " + e.id + " has no valid date", feed_location(st.name, line));
  st.entries.push_back(std::move(e));
}

}  // namespace

Result<FeedBatch> parse_debian_list(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  ListState st{name, diags, {}};
  int line = 0;
  bool first = true;
  for (size_t start = 0; start < bytes.size();) {
    size_t nl = bytes.find('\n', start);
    std::string_view raw =
        bytes.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? bytes.size() : nl + 1;
    ++line;
    std::string_view text = trim(raw);
    if (text.empty()) continue;
    bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (first) {
      DebianEntry probe;
      if (indented || !parse_debian_list_header(text, probe))
        return feed_error(name, "not a Debian DSA/DLA list: the first line is not an entry header", line);
      first = false;
    }
    if (indented) {
      read_body_line(st, text, line);
    } else if (raw.front() == '[') {
      read_header_line(st, text, line);
    } else {
      bad_line(st, line, "unindented line that is not an entry header");
    }
  }
  if (first) return feed_error(name, "not a Debian DSA/DLA list: no entries");
  FeedBatch batch;
  batch.advisories.reserve(st.entries.size());
  for (const DebianEntry& e : st.entries)
    batch.advisories.push_back(debian_entry_advisory(e, debian_source_for(e.id), name, diags));
  return batch;
}

}  // namespace customs
