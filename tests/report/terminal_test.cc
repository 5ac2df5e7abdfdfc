#include "report/terminal.h"

#include <gtest/gtest.h>

namespace customs {
namespace {

TEST(Terminal, StyledIsPlainWithoutColour) {
  EXPECT_EQ(styled("HIGH", Style::kRed, false), "HIGH");
  EXPECT_EQ(styled("HIGH", Style::kRed, true), "\x1b[31mHIGH\x1b[0m");
}

TEST(Terminal, PrintableEscapesControlsInvalidUtf8AndBidiOverrides) {
  EXPECT_EQ(printable("a\tb"), "a b");
  EXPECT_EQ(printable("\x1b[31m"), "\\x1B[31m");
  EXPECT_EQ(printable("x\x7fy\r"), "x\\x7Fy\\x0D");
  EXPECT_EQ(printable("\xff\xc3"), "\\xFF\\xC3");
  EXPECT_EQ(printable("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(printable("\xC2\x9B"), "\\xC2\\x9B");  // C1 CSI
  EXPECT_EQ(printable("a\xE2\x80\xAE"
                      "b"),
            "a\\xE2\\x80\\xAEb");                  // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(printable("\xC0\xAF"), "\\xC0\\xAF");  // overlong '/'
}

TEST(Terminal, WrapBreaksAtSpacesAndKeepsLongWords) {
  EXPECT_EQ(wrap("aaa bbb ccc", 7), (std::vector<std::string>{"aaa bbb", "ccc"}));
  EXPECT_EQ(wrap("abcdefghij k", 4), (std::vector<std::string>{"abcdefghij", "k"}));
  EXPECT_EQ(wrap("one\ntwo  three", 20), (std::vector<std::string>{"one", "two three"}));
  EXPECT_TRUE(wrap("", 10).empty());
}

TEST(Terminal, TruncateCutsAtCharacterBoundary) {
  EXPECT_EQ(truncate_utf8("short", 10), "short");
  EXPECT_EQ(truncate_utf8("abcdef", 3), "abc...");
  EXPECT_EQ(truncate_utf8("a\xC3\xA9", 2), "a...");
}

}  // namespace
}  // namespace customs
