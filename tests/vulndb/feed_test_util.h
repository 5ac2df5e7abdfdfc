#pragma once
// Helpers for the feed importer tests: test data files and lookups in a FeedBatch.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "vulndb/advisory.h"

namespace customs::testing {

// The bytes of tests/testdata/vulndb/<rel>.
inline std::string vulndb_testdata(const std::string& rel) {
  std::ifstream in(std::string(CUSTOMS_TESTDATA) + "/vulndb/" + rel, std::ios::binary);
  EXPECT_TRUE(in.good()) << rel;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline const Advisory* find_advisory(const FeedBatch& batch, const std::string& id) {
  for (const Advisory& a : batch.advisories) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

// "introduced 0, fixed V" -> "0..V"; "introduced 0" alone -> "0.."; several ranges joined by " ".
inline std::string ranges_text(const Affected& a) {
  std::string out;
  for (const AffectedRange& r : a.ranges) {
    if (!out.empty()) out += " ";
    for (const RangeEvent& e : r.events) {
      if (e.kind == RangeEvent::Kind::kIntroduced) out += e.version + "..";
      if (e.kind == RangeEvent::Kind::kFixed) out += e.version;
      if (e.kind == RangeEvent::Kind::kLastAffected) out += "<=" + e.version;
    }
  }
  return out;
}

// "ecosystem package state ranges" for one row, for whole-row comparisons.
inline std::string row_text(const Affected& a) {
  return a.ecosystem + " " + a.package + " " + std::string(to_string(a.state)) + " " + ranges_text(a);
}

}  // namespace customs::testing
