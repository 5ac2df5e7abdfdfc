#include "findings/fix.h"

#include <algorithm>
#include <cstdint>

namespace customs {

namespace {

// One line of a text: where its content starts and how long it is, terminator excluded.
struct LineRef {
  size_t start = 0;
  size_t length = 0;
};

// Splits on '\n'; a "\r\n" terminator is not part of the content. A text of N '\n's has N + 1
// lines (the last one possibly empty), so the end of the text is always a valid position.
std::vector<LineRef> line_refs(std::string_view text) {
  std::vector<LineRef> lines;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back({start, text.size() - start});
      return lines;
    }
    size_t end = (nl > start && text[nl - 1] == '\r') ? nl - 1 : nl;
    lines.push_back({start, end - start});
    start = nl + 1;
  }
}

Result<size_t> offset_of(const std::vector<LineRef>& lines, int line, int column) {
  if (line < 1 || static_cast<size_t>(line) > lines.size() || column < 1)
    return make_error(ErrorKind::kInvalidInput, "edit position " + std::to_string(line) + ":" +
                                                    std::to_string(column) + " is outside the text");
  const LineRef& l = lines[static_cast<size_t>(line) - 1];
  if (static_cast<size_t>(column) > l.length + 1)
    return make_error(ErrorKind::kInvalidInput, "edit column " + std::to_string(column) +
                                                    " is past the end of line " + std::to_string(line));
  return l.start + static_cast<size_t>(column) - 1;
}

struct ByteEdit {
  size_t begin = 0;
  size_t end = 0;
  size_t order = 0;  // input order, to keep sorting stable
  const std::string* replacement = nullptr;
};

// In a CRLF file, bare '\n's in a replacement become "\r\n" so the file keeps one line ending.
std::string with_line_endings(const std::string& s, bool crlf) {
  if (!crlf) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) out.push_back('\r');
    out.push_back(s[i]);
  }
  return out;
}

// ---- unified diff -------------------------------------------------------------------------

// Lines with their terminator kept, so "b" (last line, no newline) differs from "b\n".
std::vector<std::string_view> diff_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

enum class Op : char { kEqual = ' ', kDelete = '-', kInsert = '+' };

// Bound on the LCS table for the changed middle; beyond it the middle is shown as replaced.
constexpr size_t kMaxDiffCells = size_t{4} << 20;

// Edit script turning a into b: common prefix and suffix, then an LCS of the middle. Within a
// run of changes, deletions come before insertions (as diff -u shows them).
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf])
    ++suf;
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  std::vector<Op> ops(pre, Op::kEqual);
  std::vector<Op> mid;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxDiffCells) {
    // lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..] within the middle.
    std::vector<uint16_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint16_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        at(i, j) = a[pre + i] == b[pre + j] ? static_cast<uint16_t>(at(i + 1, j + 1) + 1)
                                            : std::max(at(i + 1, j), at(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        mid.push_back(Op::kEqual), ++i, ++j;
      } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
        mid.push_back(Op::kDelete), ++i;
      } else {
        mid.push_back(Op::kInsert), ++j;
      }
    }
  } else {
    mid.assign(n, Op::kDelete);
    mid.insert(mid.end(), m, Op::kInsert);
  }
  // Reorder each run of changes: deletions first.
  for (size_t k = 0; k < mid.size();) {
    if (mid[k] == Op::kEqual) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < mid.size() && mid[e] != Op::kEqual) ++e;
    std::stable_partition(mid.begin() + static_cast<long>(k), mid.begin() + static_cast<long>(e),
                          [](Op op) { return op == Op::kDelete; });
    k = e;
  }
  ops.insert(ops.end(), mid.begin(), mid.end());
  ops.insert(ops.end(), suf, Op::kEqual);
  return ops;
}

constexpr size_t kContext = 3;

// "@@ -start,count" part: count 1 is left out; an empty range names the line before it.
std::string hunk_range(size_t first, size_t count) {
  if (count == 1) return std::to_string(first + 1);
  return std::to_string(count == 0 ? first : first + 1) + "," + std::to_string(count);
}

void emit_line(std::string& out, char prefix, std::string_view line) {
  out.push_back(prefix);
  out.append(line);
  if (line.empty() || line.back() != '\n') out.append("\n\\ No newline at end of file\n");
}

// Emits ops[begin, end) as one hunk; ai/bi are the line indices in a and b at ops[begin].
void emit_hunk(std::string& out, const std::vector<Op>& ops, size_t begin, size_t end, size_t ai, size_t bi,
               const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  size_t na = 0, nb = 0;
  for (size_t k = begin; k < end; ++k) {
    if (ops[k] != Op::kInsert) ++na;
    if (ops[k] != Op::kDelete) ++nb;
  }
  out += "@@ -" + hunk_range(ai, na) + " +" + hunk_range(bi, nb) + " @@\n";
  for (size_t k = begin; k < end; ++k) {
    Op op = ops[k];
    emit_line(out, static_cast<char>(op), op == Op::kInsert ? b[bi] : a[ai]);
    if (op != Op::kInsert) ++ai;
    if (op != Op::kDelete) ++bi;
  }
}

}  // namespace

Result<FixOutcome> apply_edits(std::string_view source, std::vector<TextEdit> edits) {
  auto lines = line_refs(source);
  std::vector<ByteEdit> bytes;
  for (size_t i = 0; i < edits.size(); ++i) {
    const TextEdit& e = edits[i];
    auto b = offset_of(lines, e.line, e.column);
    if (!b.ok()) return b.error();
    auto en = offset_of(lines, e.end_line, e.end_column);
    if (!en.ok()) return en.error();
    if (*en < *b)
      return make_error(ErrorKind::kInvalidInput, "edit at " + std::to_string(e.line) + ":" +
                                                      std::to_string(e.column) + " ends before it begins");
    bytes.push_back({*b, *en, i, &edits[i].replacement});
  }
  std::sort(bytes.begin(), bytes.end(), [](const ByteEdit& x, const ByteEdit& y) {
    if (x.begin != y.begin) return x.begin < y.begin;
    bool xi = x.begin == x.end, yi = y.begin == y.end;  // insertions go before a replacement there
    if (xi != yi) return xi;
    return x.order < y.order;
  });
  size_t nl = source.find('\n');
  bool crlf = nl != std::string_view::npos && nl > 0 && source[nl - 1] == '\r';
  FixOutcome out;
  size_t copied = 0;  // bytes of source already emitted
  for (const ByteEdit& e : bytes) {
    if (e.begin < copied) {
      ++out.skipped;
      continue;
    }
    out.text.append(source.substr(copied, e.begin - copied));
    out.text += with_line_endings(*e.replacement, crlf);
    copied = e.end;
    ++out.applied;
  }
  out.text.append(source.substr(copied));
  return out;
}

}  // namespace customs

namespace customs {

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after) {
  if (before == after) return "";
  auto a = diff_lines(before), b = diff_lines(after);
  std::vector<Op> ops = edit_script(a, b);
  std::string out = "--- a/" + std::string(path) + "\n+++ b/" + std::string(path) + "\n";
  size_t k = 0, ai = 0, bi = 0;
  while (k < ops.size()) {
    if (ops[k] == Op::kEqual) {
      ++k, ++ai, ++bi;
      continue;
    }
    // A change at k: the hunk starts up to kContext equal lines before it and extends until a run
    // of more than 2 * kContext equal lines (or the end) follows the last change.
    size_t lead = std::min({kContext, ai, bi});
    size_t begin = k - lead, end = k;
    while (end < ops.size()) {
      size_t eq = end;
      while (eq < ops.size() && ops[eq] == Op::kEqual) ++eq;
      if (eq == ops.size() || eq - end > 2 * kContext) {
        end = std::min(eq, end + kContext);
        break;
      }
      while (eq < ops.size() && ops[eq] != Op::kEqual) ++eq;
      end = eq;
    }
    emit_hunk(out, ops, begin, end, ai - lead, bi - lead, a, b);
    for (; k < end; ++k) {
      if (ops[k] != Op::kInsert) ++ai;
      if (ops[k] != Op::kDelete) ++bi;
    }
  }
  return out;
}

}  // namespace customs
