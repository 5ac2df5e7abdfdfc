#pragma once
// Terminal text helpers for the human-readable reporters: ANSI styling that can be switched off
// entirely, neutralising of untrusted text, word wrapping and bounded excerpts.
#include <string>
#include <string_view>
#include <vector>

#include "findings/severity.h"

namespace customs {

enum class Style { kBold, kDim, kRed, kBoldRed, kYellow, kBlue, kCyan, kMagenta, kGreen };

// Wraps `text` in the escape codes of `style` when `color` is true; returns it unchanged
// otherwise (so plain output never contains '\x1b').
std::string styled(std::string_view text, Style style, bool color);

// The display style of a severity.
Style severity_style(Severity s);

// Makes untrusted text safe to print on a terminal: every control character (C0 other than tab,
// DEL, and the C1 range U+0080..U+009F) becomes a visible "\xNN" escape, tabs become a space, and
// bytes that are not valid UTF-8 become "\xNN" too. Never produces an escape character.
std::string printable(std::string_view text);

// Splits `text` at spaces into lines of at most `width` bytes (a longer word stays whole on its own
// line). Existing newlines are kept as line breaks. An empty text gives no lines.
std::vector<std::string> wrap(std::string_view text, size_t width);

// The first `max_bytes` bytes of `text`, cut at a UTF-8 character boundary, with "..." appended
// when anything was cut.
std::string truncate_utf8(std::string_view text, size_t max_bytes);

}  // namespace customs
