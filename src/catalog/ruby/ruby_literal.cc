// Ruby string and array literals as RubyGems' Gem::Specification#to_ruby writes them, read
// without evaluating anything.
#include <cctype>
#include <cstdint>

#include "catalog/ruby/ruby.h"
#include "catalog/util.h"

namespace customs {
namespace {

std::string_view skip_space(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

char closing_of(char open) {
  switch (open) {
    case '<': return '>';
    case '{': return '}';
    case '(': return ')';
    case '[': return ']';
    default: return open;
  }
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads up to `max_digits` hex digits from the front of `s`.
uint32_t read_hex(std::string_view& s, size_t max_digits) {
  uint32_t v = 0;
  for (size_t i = 0; i < max_digits && !s.empty() && std::isxdigit(static_cast<unsigned char>(s.front()));
       ++i) {
    v = v * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(s.front()))
                                           ? s.front() - '0'
                                           : std::tolower(static_cast<unsigned char>(s.front())) - 'a' + 10);
    s.remove_prefix(1);
  }
  return v;
}

// One escape of a double-quoted string; `s` starts after the backslash and is not empty.
void read_escape(std::string_view& s, std::string& out) {
  char c = s.front();
  s.remove_prefix(1);
  switch (c) {
    case 'n': out += '\n'; return;
    case 't': out += '\t'; return;
    case 'r': out += '\r'; return;
    case 's': out += ' '; return;
    case 'e': out += '\x1b'; return;
    case 'x': out += static_cast<char>(read_hex(s, 2)); return;
    case 'u':
      if (!s.empty() && s.front() == '{') {
        s.remove_prefix(1);
        append_utf8(out, read_hex(s, 6));
        if (!s.empty() && s.front() == '}') s.remove_prefix(1);
      } else {
        append_utf8(out, read_hex(s, 4));
      }
      return;
    default: out += c; return;  // \" \\ \# and any other character stand for themselves
  }
}

// The body of a string literal whose opening delimiter was consumed; nested bracket pairs count
// as in Ruby ("%q<a<b>>"). nullopt when it does not end.
std::optional<std::string> read_body(std::string_view& s, char open, bool escapes) {
  char close = closing_of(open);
  int depth = 0;
  std::string out;
  while (!s.empty()) {
    char c = s.front();
    s.remove_prefix(1);
    if (c == '\\' && !s.empty()) {
      if (escapes) {
        read_escape(s, out);
      } else {
        if (s.front() != '\\' && s.front() != close && s.front() != open) out += '\\';
        out += s.front();
        s.remove_prefix(1);
      }
      continue;
    }
    if (c == close && depth == 0) return out;
    if (open != close) depth += c == open ? 1 : c == close ? -1 : 0;
    out += c;
  }
  return std::nullopt;
}

std::optional<std::string> read_string(std::string_view& s) {
  s = skip_space(s);
  if (s.empty()) return std::nullopt;
  bool escapes = true;
  if (s.front() == '"' || s.front() == '\'') {
    escapes = s.front() == '"';
  } else if (s.front() == '%' && s.size() >= 2) {
    s.remove_prefix(1);
    if (s.front() == 'q' || s.front() == 'Q') {
      escapes = s.front() == 'Q';
      s.remove_prefix(1);
    }
    if (s.empty() || std::isalnum(static_cast<unsigned char>(s.front())) || s.front() == ' ')
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  char open = s.front();
  s.remove_prefix(1);
  auto body = read_body(s, open, escapes);
  if (body && starts_with(s, ".freeze")) s.remove_prefix(7);
  return body;
}

}  // namespace

std::optional<std::vector<std::string>> parse_ruby_strings(std::string_view text) {
  text = skip_space(text);
  if (!starts_with(text, "[")) {
    auto one = read_string(text);
    if (!one) return std::nullopt;
    return std::vector<std::string>{std::move(*one)};
  }
  text.remove_prefix(1);
  std::vector<std::string> items;
  while (true) {
    text = skip_space(text);
    if (starts_with(text, "]")) return items;
    auto item = read_string(text);
    if (!item) return std::nullopt;
    items.push_back(std::move(*item));
    text = skip_space(text);
    if (starts_with(text, ","))
      text.remove_prefix(1);
    else if (!starts_with(text, "]"))
      return std::nullopt;
  }
}

}  // namespace customs
