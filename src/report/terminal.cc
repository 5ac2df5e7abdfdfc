#include "report/terminal.h"

#include <cstdio>

namespace customs {
namespace {

struct StyleCode {
  Style style;
  const char* code;
};

constexpr StyleCode kStyleCodes[] = {
    {Style::kBold, "1"},       {Style::kDim, "2"},      {Style::kRed, "31"},
    {Style::kBoldRed, "1;31"}, {Style::kYellow, "33"},  {Style::kBlue, "34"},
    {Style::kCyan, "36"},      {Style::kMagenta, "35"}, {Style::kGreen, "32"},
};

constexpr Style kSeverityStyles[] = {
    Style::kDim,      // info
    Style::kBlue,     // low
    Style::kYellow,   // medium
    Style::kRed,      // high
    Style::kBoldRed,  // critical
};

std::string hex_escape(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", c);
  return buf;
}

// Length of the valid UTF-8 sequence starting at s[i], 0 when it is not valid.
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;                       // overlong
  if (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
  if (n == 3 && c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && b(i + 1) < 0x90) || (c == 0xF4 && b(i + 1) >= 0x90))) return 0;
  return n;
}

// Decoded code point of a valid sequence.
char32_t decode(std::string_view s, size_t i, size_t n) {
  auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
  if (n == 1) return b(i);
  char32_t cp = b(i) & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  return cp;
}

// C1 controls and the bidirectional overrides that can make text display differently from what
// it is ("Trojan Source").
bool is_invisible_control(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string styled(std::string_view text, Style style, bool color) {
  if (!color) return std::string(text);
  for (const auto& sc : kStyleCodes) {
    if (sc.style == style) return std::string("\x1b[") + sc.code + "m" + std::string(text) + "\x1b[0m";
  }
  return std::string(text);
}

Style severity_style(Severity s) { return kSeverityStyles[static_cast<int>(s)]; }

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = utf8_length(text, i);
    if (n == 0) {
      out += hex_escape(c);
      ++i;
      continue;
    }
    char32_t cp = decode(text, i, n);
    if (cp == '\t') {
      out += ' ';
    } else if (cp < 0x20 || cp == 0x7F || is_invisible_control(cp)) {
      for (size_t k = 0; k < n; ++k) out += hex_escape(static_cast<unsigned char>(text[i + k]));
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::vector<std::string> wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t nl = text.find('\n', start);
    std::string_view para =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    std::string line;
    size_t pos = 0;
    while (pos < para.size()) {
      size_t end = para.find(' ', pos);
      if (end == std::string_view::npos) end = para.size();
      std::string_view word = para.substr(pos, end - pos);
      pos = end + 1;
      if (word.empty()) continue;
      if (!line.empty() && line.size() + 1 + word.size() > width) {
        lines.push_back(std::move(line));
        line.clear();
      }
      if (!line.empty()) line += ' ';
      line += word;
    }
    lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string truncate_utf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace customs
