#include "findings/fix.h"

#include <gtest/gtest.h>

namespace customs {
namespace {

TextEdit edit(int line, int column, int end_line, int end_column, std::string replacement) {
  return TextEdit{line, column, end_line, end_column, std::move(replacement)};
}

// ---- apply_edits ----

TEST(ApplyEdits, ReplacesWithinOneLine) {
  auto r = apply_edits("FROM a\nUSER root\n", {edit(2, 6, 2, 10, "app")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "FROM a\nUSER app\n");
  EXPECT_EQ(r->applied, 1);
  EXPECT_EQ(r->skipped, 0);
}

TEST(ApplyEdits, AppliesEditsGivenInAnyOrder) {
  auto r = apply_edits("abc\ndef\n", {edit(2, 1, 2, 2, "D"), edit(1, 3, 1, 4, "C"), edit(1, 1, 1, 2, "A")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "AbC\nDef\n");
  EXPECT_EQ(r->applied, 3);
}

TEST(ApplyEdits, ReplacesAcrossLines) {
  auto r = apply_edits("RUN a \\\n    b\nCMD x\n", {edit(1, 1, 3, 1, "RUN a b\n")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "RUN a b\nCMD x\n");
}

TEST(ApplyEdits, InsertsWhenBeginEqualsEnd) {
  auto r = apply_edits("FROM a\nCMD x\n", {edit(2, 1, 2, 1, "USER app\n"), edit(1, 7, 1, 7, " AS base")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "FROM a AS base\nUSER app\nCMD x\n");
  EXPECT_EQ(r->applied, 2);
}

TEST(ApplyEdits, InsertsAtEndOfTextAfterFinalNewline) {
  auto r = apply_edits("FROM a\n", {edit(2, 1, 2, 1, "USER app\n")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "FROM a\nUSER app\n");
}

TEST(ApplyEdits, InsertionAtStartOfReplacedRangeKeepsBoth) {
  auto r = apply_edits("abcdef", {edit(1, 2, 1, 4, "X"), edit(1, 2, 1, 2, "<")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "a<Xdef");
  EXPECT_EQ(r->applied, 2);
}

TEST(ApplyEdits, SkipsEditsOverlappingAnEarlierOne) {
  auto r = apply_edits("abcdefgh", {edit(1, 3, 1, 6, "X"),    // cde, overlaps the first
                                    edit(1, 2, 1, 4, "Y"),    // bc, first in position order
                                    edit(1, 3, 1, 3, "!"),    // insertion inside "bc"
                                    edit(1, 7, 1, 8, "Z")});  // g
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "aYdefZh");
  EXPECT_EQ(r->applied, 2);
  EXPECT_EQ(r->skipped, 2);
}

TEST(ApplyEdits, AdjacentEditsDoNotOverlap) {
  auto r = apply_edits("abcd", {edit(1, 1, 1, 3, "X"), edit(1, 3, 1, 5, "Y")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "XY");
  EXPECT_EQ(r->skipped, 0);
}

TEST(ApplyEdits, RejectsPositionsOutsideTheText) {
  auto past_line = apply_edits("ab\ncd\n", {edit(4, 1, 4, 1, "x")});
  ASSERT_FALSE(past_line.ok());
  EXPECT_EQ(past_line.error().kind, ErrorKind::kInvalidInput);
  auto past_column = apply_edits("ab\ncd\n", {edit(1, 1, 1, 4, "x")});
  ASSERT_FALSE(past_column.ok());
  EXPECT_EQ(past_column.error().kind, ErrorKind::kInvalidInput);
  auto zero = apply_edits("ab\n", {edit(0, 1, 1, 1, "x")});
  EXPECT_FALSE(zero.ok());
  auto backwards = apply_edits("abc\n", {edit(1, 3, 1, 2, "x")});
  EXPECT_FALSE(backwards.ok());
}

TEST(ApplyEdits, ColumnsInCrlfFilesExcludeTheTerminator) {
  // Line 1 is "USER root" (9 bytes): column 10 is its end; column 11 would be the '\r'.
  auto r = apply_edits("USER root\r\nCMD x\r\n", {edit(1, 6, 1, 10, "app")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "USER app\r\nCMD x\r\n");
  EXPECT_FALSE(apply_edits("USER root\r\nCMD x\r\n", {edit(1, 11, 1, 11, "x")}).ok());
}

TEST(ApplyEdits, NewlinesInReplacementFollowCrlfFiles) {
  auto r = apply_edits("FROM a\r\nCMD x\r\n", {edit(2, 1, 2, 1, "USER app\nWORKDIR /a\n")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "FROM a\r\nUSER app\r\nWORKDIR /a\r\nCMD x\r\n");
}

TEST(ApplyEdits, NoEditsReturnsSourceUnchanged) {
  auto r = apply_edits("x\ny", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "x\ny");
  EXPECT_EQ(r->applied, 0);
}

// ---- unified_diff: expectations verified with `diff -u --label a/Dockerfile --label b/Dockerfile` ----

TEST(UnifiedDiff, EqualTextsGiveEmptyDiff) { EXPECT_EQ(unified_diff("Dockerfile", "a\n", "a\n"), ""); }

TEST(UnifiedDiff, ReplacedLastLine) {
  EXPECT_EQ(unified_diff("Dockerfile", "FROM a\nRUN x\nUSER root\n", "FROM a\nRUN x\nUSER app\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM a\n RUN x\n-USER root\n+USER app\n");
}

TEST(UnifiedDiff, ChangesSixLinesApartShareOneHunk) {
  EXPECT_EQ(unified_diff("Dockerfile", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\n2\nX\n4\n5\n6\n7\n8\n9\nY\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,10 +1,10 @@\n 1\n 2\n-3\n+X\n 4\n 5\n 6\n 7\n 8\n 9\n"
            "-10\n+Y\n");
}

TEST(UnifiedDiff, ChangesSevenLinesApartGetTwoHunks) {
  EXPECT_EQ(
      unified_diff("Dockerfile", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n"),
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n"
      "@@ -8,4 +8,4 @@\n 8\n 9\n 10\n-11\n+Y\n");
}

TEST(UnifiedDiff, TrailingContextIsThreeLines) {
  EXPECT_EQ(unified_diff("Dockerfile", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
                         "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n"
            "@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n");
}

TEST(UnifiedDiff, AddedFinalNewline) {
  EXPECT_EQ(
      unified_diff("Dockerfile", "a\nb", "a\nb\n"),
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST(UnifiedDiff, MissingNewlineOnContextLine) {
  EXPECT_EQ(
      unified_diff("Dockerfile", "a\nb\nc", "a\nB\nc"),
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, FromAndToEmptyText) {
  EXPECT_EQ(unified_diff("Dockerfile", "", "x\ny\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  EXPECT_EQ(unified_diff("Dockerfile", "x\ny\n", ""),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +0,0 @@\n-x\n-y\n");
}

TEST(UnifiedDiff, AppendAndPrependShowOnlyNearbyContext) {
  EXPECT_EQ(unified_diff("Dockerfile", "1\n2\n3\n4\n5\n", "1\n2\n3\n4\n5\nnew\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+new\n");
  EXPECT_EQ(unified_diff("Dockerfile", "1\n2\n3\n4\n5\n", "new\n1\n2\n3\n4\n5\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,4 @@\n+new\n 1\n 2\n 3\n");
}

TEST(UnifiedDiff, DeletedMiddleLine) {
  EXPECT_EQ(unified_diff("Dockerfile", "1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\n5\n6\n7\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,7 +1,6 @@\n 1\n 2\n 3\n-4\n 5\n 6\n 7\n");
}

TEST(UnifiedDiff, SeparateChangesInOneHunkListDeletionsBeforeInsertions) {
  EXPECT_EQ(unified_diff("Dockerfile", "a\nb\nc\nd\ne\n", "a\nX\nc\nY\nZ\ne\n"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,5 +1,6 @@\n a\n-b\n+X\n c\n-d\n+Y\n+Z\n e\n");
}

TEST(UnifiedDiff, DiffOfAppliedFix) {
  std::string before = "FROM debian:12\nMAINTAINER Jo <jo@example.com>\nRUN true\n";
  auto fixed = apply_edits(
      before, {edit(2, 1, 2, 31, "LABEL org.opencontainers.image.authors=\"Jo <jo@example.com>\"")});
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(unified_diff("Dockerfile", before, fixed->text),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM debian:12\n-MAINTAINER Jo "
            "<jo@example.com>\n"
            "+LABEL org.opencontainers.image.authors=\"Jo <jo@example.com>\"\n RUN true\n");
}

}  // namespace
}  // namespace customs
