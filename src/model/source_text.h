#pragma once
// Text assembled from several source lines (an instruction after its line continuations are
// joined, a heredoc body) that remembers where each byte came from, so that any substring can
// be located and edited in the original file.
#include <string>
#include <vector>

namespace customs {

struct Pos {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
  bool operator==(const Pos&) const = default;
};

struct Span {
  Pos begin;  // first byte
  Pos end;    // one past the last byte (same line), or the position after the last byte
  bool operator==(const Span&) const = default;
};

struct SourceText {
  std::string text;
  std::vector<Pos> pos;  // pos[i] is where text[i] is in the file; pos.size() == text.size()

  // Position of byte offset i; offsets at or past the end map just after the last byte.
  Pos at(size_t offset) const;
  // Span covering [begin, end) in text.
  Span span(size_t begin, size_t end) const;
  // A new SourceText holding [begin, end) with its positions.
  SourceText slice(size_t begin, size_t end) const;
  void append(const SourceText& other);
  void append(char c, Pos p);
};

}  // namespace customs
