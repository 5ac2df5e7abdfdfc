#include "model/source_text.h"

#include <algorithm>

namespace customs {

Pos SourceText::at(size_t offset) const {
  if (pos.empty()) return Pos{};
  if (offset < pos.size()) return pos[offset];
  Pos last = pos.back();
  return Pos{last.line, last.column + 1};
}

Span SourceText::span(size_t begin, size_t end) const {
  if (end <= begin) return Span{at(begin), at(begin)};
  Pos last = at(end - 1);
  return Span{at(begin), Pos{last.line, last.column + 1}};
}

SourceText SourceText::slice(size_t begin, size_t end) const {
  SourceText out;
  begin = std::min(begin, text.size());
  end = std::min(std::max(end, begin), text.size());
  out.text = text.substr(begin, end - begin);
  out.pos.assign(pos.begin() + static_cast<long>(begin), pos.begin() + static_cast<long>(end));
  return out;
}

void SourceText::append(const SourceText& other) {
  text += other.text;
  pos.insert(pos.end(), other.pos.begin(), other.pos.end());
}

void SourceText::append(char c, Pos p) {
  text.push_back(c);
  pos.push_back(p);
}

}  // namespace customs
