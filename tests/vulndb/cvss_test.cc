// score_cvss against published (vector, score) pairs: every scored vector of shared/vulndata
// (NVD, Red Hat) and the worked examples of FIRST's documents; ratings, normal forms and every
// rejection with its message.
#include "vulndb/cvss/cvss.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/strings.h"
#include "vulndb/cvss/cvss_metrics.h"

namespace customs {
namespace {

struct Published {
  std::string what;  // where it was published
  std::string vector;
  double score = 0;
};

// Rows of a testdata TSV with a header; `vector_column` and the next column are vector and score.
std::vector<Published> read_tsv(const std::string& name, size_t vector_column) {
  std::ifstream in(std::string(CUSTOMS_TESTDATA) + "/vulndb/cvss/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::vector<Published> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields = split(line, '\t');
    if (fields.size() < vector_column + 2) {
      ADD_FAILURE() << name << ": short line " << line;
      continue;
    }
    rows.push_back(
        {fields[0] + " " + fields[1], fields[vector_column], std::stod(fields[vector_column + 1])});
  }
  return rows;
}

// Scores are one-decimal numbers: compare them in tenths.
long tenths(double score) { return std::lround(score * 10); }

// Checks every row and returns how many rows each version had.
std::map<std::string, int> check_all(const std::vector<Published>& rows) {
  std::map<std::string, int> per_version;
  for (const Published& row : rows) {
    Result<CvssScore> score = score_cvss(row.vector);
    if (!score.ok()) {
      ADD_FAILURE() << row.what << " " << row.vector << ": " << score.error().message;
      continue;
    }
    EXPECT_EQ(tenths(score->base_score), tenths(row.score)) << row.what << " " << row.vector;
    ++per_version[std::string(to_string(score->version))];
  }
  return per_version;
}

TEST(Cvss, EveryScoredVectorInSharedVulndataMatchesItsPublishedScore) {
  std::map<std::string, int> counts = check_all(read_tsv("vulndata.tsv", 2));
  EXPECT_EQ(counts["2.0"], 14);
  EXPECT_EQ(counts["3.0"], 12);
  EXPECT_EQ(counts["3.1"], 399);
  EXPECT_EQ(counts["4.0"], 1);
}

TEST(Cvss, FirstSpecificationExamplesMatchTheirPublishedScores) {
  std::map<std::string, int> counts = check_all(read_tsv("examples.tsv", 1));
  EXPECT_EQ(counts["2.0"], 30);
  EXPECT_EQ(counts["3.0"], 23);
  EXPECT_EQ(counts["3.1"], 21);
  EXPECT_EQ(counts["4.0"], 44);
}

struct Case {
  const char* vector;
  double score;
  const char* rating;
  const char* normal;
};

void expect_case(const Case& c, CvssVersion version) {
  Result<CvssScore> score = score_cvss(c.vector);
  ASSERT_TRUE(score.ok()) << c.vector << ": " << score.error().message;
  EXPECT_EQ(score->version, version) << c.vector;
  EXPECT_EQ(tenths(score->base_score), tenths(c.score)) << c.vector;
  EXPECT_EQ(score->rating, c.rating) << c.vector;
  EXPECT_EQ(score->vector, c.normal) << c.vector;
}

TEST(Cvss, Version2AcceptsParenthesesPrefixAndIgnoresTemporalMetricsWithNvdRatings) {
  const Case cases[] = {
      {"(AV:N/AC:L/Au:N/C:C/I:C/A:C)", 10.0, "High", "AV:N/AC:L/Au:N/C:C/I:C/A:C"},
      {"CVSS:2.0/AV:N/AC:L/Au:S/C:C/I:C/A:C", 9.0, "High", "AV:N/AC:L/Au:S/C:C/I:C/A:C"},
      {"  AV:L/AC:L/Au:N/C:N/I:N/A:P \n", 2.1, "Low", "AV:L/AC:L/Au:N/C:N/I:N/A:P"},
      {"AV:N/AC:L/Au:N/C:N/I:N/A:N", 0.0, "Low", "AV:N/AC:L/Au:N/C:N/I:N/A:N"},
      {"AV:N/AC:M/Au:N/C:N/I:N/A:P", 4.3, "Medium", "AV:N/AC:M/Au:N/C:N/I:N/A:P"},
      {"A:C/I:C/C:C/Au:N/AC:L/AV:N/E:U/RL:ND/CDP:H", 10.0, "High", "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/CDP:H"},
  };
  for (const Case& c : cases) expect_case(c, CvssVersion::kV2);
}

TEST(Cvss, Version3RatingsAtEveryBoundary) {
  const Case cases[] = {
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, "None",
       "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"},
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:N/I:L/A:N", 3.5, "Low",
       "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:N/I:L/A:N"},
      {"CVSS:3.1/AV:P/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N", 4.3, "Medium",
       "CVSS:3.1/AV:P/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N"},
      {"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.0, "High",
       "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H"},
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H", 9.0, "Critical",
       "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H"},
      {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "Critical",
       "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"},
  };
  for (const Case& c : cases) {
    expect_case(c,
                std::string_view(c.vector).starts_with("CVSS:3.0") ? CvssVersion::kV3_0 : CvssVersion::kV3_1);
  }
}

TEST(Cvss, Version3BaseScoreIgnoresTemporalAndEnvironmentalMetricsAndNormalisesTheirOrder) {
  expect_case({"CVSS:3.1/MA:H/E:U/RL:O/RC:X/A:N/I:N/C:H/S:U/UI:N/PR:N/AC:L/AV:N/CR:L/MAV:P", 7.5, "High",
               "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:U/RL:O/CR:L/MAV:P/MA:H"},
              CvssVersion::kV3_1);
}

TEST(Cvss, Version31RoundupIgnoresFloatingPointNoiseWhere30RoundsUp) {
  EXPECT_EQ(cvss::roundup_v31(4.000000000000001), 4.0);
  EXPECT_EQ(cvss::roundup_v30(4.000000000000001), 4.1);
  EXPECT_EQ(cvss::roundup_v31(4.02), 4.1);
  EXPECT_EQ(cvss::roundup_v31(4.0), 4.0);
}

TEST(Cvss, Version4ThreatAndEnvironmentalMetricsChangeTheScoreSupplementalDoNot) {
  const Case cases[] = {
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, "Critical",
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", 8.9, "High",
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L", 8.9, "High",
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red", 9.3,
       "Critical",
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:X/CR:X/MAV:X", 0.0, "None",
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"},
  };
  for (const Case& c : cases) expect_case(c, CvssVersion::kV4_0);
}

TEST(Cvss, VersionNames) {
  EXPECT_EQ(to_string(CvssVersion::kV2), "2.0");
  EXPECT_EQ(to_string(CvssVersion::kV3_0), "3.0");
  EXPECT_EQ(to_string(CvssVersion::kV3_1), "3.1");
  EXPECT_EQ(to_string(CvssVersion::kV4_0), "4.0");
}

TEST(Cvss, EveryRejectionSaysWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "empty CVSS vector"},
      {" \t", "empty CVSS vector"},
      {"CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS 3.1 vector: metric AV missing"},
      {"CVSS:3.1/AV:N/AC:Q/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS 3.1 vector: unknown value Q for AC"},
      {"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS 3.1 vector: duplicate metric AV"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
       "CVSS 3.1 vector: empty metric at part 9 (stray '/')"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y", "CVSS 3.1 vector: unknown metric XX"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH",
       "CVSS 3.1 vector: malformed metric 'AH' (expected NAME:VALUE)"},
      {"CVSS:3.1/", "CVSS 3.1 vector: no metrics"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z", "CVSS 3.1 vector: unknown value Z for E"},
      {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:C/MS:U", "CVSS 3.0 vector: duplicate metric MS"},
      {"CVSS:3.2/AV:N", "unsupported CVSS version '3.2' (customs scores 2.0, 3.0, 3.1 and 4.0)"},
      {"cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
       "CVSS vector prefix must be written 'CVSS:' (upper case)"},
      {"AV:N/AC:L/Au:N/C:P/I:P/A:P/", "CVSS 2.0 vector: empty metric at part 7 (stray '/')"},
      {"(AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS 2.0 vector: '(' without a closing ')'"},
      {"AV:L/AC:L/Au:M/C:InVaLiD/I:P/A:N", "CVSS 2.0 vector: unknown value InVaLiD for C"},
      {"AV:N/AC:L/Au:N/C:P/I:P", "CVSS 2.0 vector: metric A missing"},
      {"AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", "CVSS 2.0 vector: unknown value X for E"},
      {"CVSS:4.0/AV:F/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
       "CVSS 4.0 vector: unknown value F for AV"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/E:X",
       "CVSS 4.0 vector: duplicate metric E"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
       "CVSS 4.0 vector: unknown metric ui"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/SC:N/SI:N/SA:N", "CVSS 4.0 vector: metric VA missing"},
      {"CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
       "CVSS 4.0 vector: metric AV out of order (it comes before AC)"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/MSC:S",
       "CVSS 4.0 vector: unknown value S for MSC"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/U:red",
       "CVSS 4.0 vector: unknown value red for U"},
      {"AV:N/AC:L/Au:N/C:P/I:P/A:\x01\x02", "CVSS 2.0 vector: unknown value ?? for A"},
      {"AV:N/AC:L/Au:N/C:P/I:P/A:", "CVSS 2.0 vector: metric A has no value"},
  };
  for (const auto& [vector, message] : cases) {
    Result<CvssScore> score = score_cvss(vector);
    ASSERT_FALSE(score.ok()) << vector;
    EXPECT_EQ(score.error().kind, ErrorKind::kInvalidInput) << vector;
    EXPECT_EQ(score.error().message, message) << vector;
  }
}

TEST(Cvss, LongGarbageIsQuotedShortInTheMessage) {
  Result<CvssScore> score = score_cvss("AV:N/AC:L/Au:N/C:P/I:P/" + std::string(1000, 'Z') + ":P");
  ASSERT_FALSE(score.ok());
  EXPECT_EQ(score.error().message, "CVSS 2.0 vector: unknown metric ZZZZZZZZZZZZZZZZZZZZZZZZ...");
}

}  // namespace
}  // namespace customs
