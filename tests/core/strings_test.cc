#include "core/strings.h"

#include <gtest/gtest.h>

#include "core/hash.h"
#include "core/mask.h"

namespace customs {
namespace {

TEST(Strings, TrimRemovesSurroundingWhitespaceOnly) { EXPECT_EQ(trim("  a b \t\n"), "a b"); }

TEST(Strings, SplitKeepsEmptyFields) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
}

TEST(Strings, SplitWhitespaceDropsRuns) {
  EXPECT_EQ(split_whitespace(" a \t b  c "), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Strings, EditDistanceCountsSingleEdits) {
  EXPECT_EQ(edit_distance("dockerfile", "dokerfile"), 1u);
  EXPECT_EQ(edit_distance("checks", "version"), 7u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Strings, GlobMatchesStarsClassesAndPaths) {
  EXPECT_TRUE(glob_match("*.Dockerfile", "api.Dockerfile"));
  EXPECT_FALSE(glob_match("*.Dockerfile", "Dockerfile"));
  EXPECT_TRUE(glob_match("id_[rd]sa*", "id_rsa.pub"));
  EXPECT_FALSE(glob_match("a/*", "a/b/c", true));
  EXPECT_TRUE(glob_match("a/*", "a/b/c", false));
}

TEST(Hash, Sha256MatchesKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Mask, ShortValuesAreFullyMaskedWithFixedLength) {
  EXPECT_EQ(mask_secret("abc"), "********");
  EXPECT_EQ(mask_secret("abcdefgh"), "********");
}

TEST(Mask, LongValuesKeepOnlyHeadAndTail) {
  EXPECT_EQ(mask_secret("AKIAIOSFODNN7EXAMPLE"), "AKIA**************LE");
  EXPECT_EQ(mask_secret("hunter2hunter"), "hu***********");
}

}  // namespace
}  // namespace customs
