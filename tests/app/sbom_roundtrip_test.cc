// write_cyclonedx / write_spdx -> read_sbom gives back the packages and their fields (tests/app
// links every stage: the writers live in customs_report, the reader in customs_sources).
#include <gtest/gtest.h>

#include "report/cyclonedx_writer.h"
#include "report/sbom_sample.h"
#include "report/spdx_writer.h"
#include "sources/sbom/sbom_reader.h"

namespace customs {
namespace {

using testing::sample_inventory;

// Every Package field the SBOMs carry (files, and the purl-less fields of the target, are not).
void expect_same_package(const Package& want, const Package& got, bool same_ref) {
  SCOPED_TRACE(want.name);
  EXPECT_EQ(got.type, want.type);
  EXPECT_EQ(got.namespace_, want.namespace_);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.arch, want.arch);
  EXPECT_EQ(got.source_name, want.source_name);
  EXPECT_EQ(got.source_version, want.source_version);
  EXPECT_EQ(got.supplier, want.supplier);
  EXPECT_EQ(got.homepage, want.homepage);
  EXPECT_EQ(got.cataloger, want.cataloger);
  EXPECT_EQ(got.origin, want.origin);
  EXPECT_EQ(got.dev, want.dev);
  EXPECT_EQ(got.path, want.path);
  EXPECT_EQ(got.locations, want.locations);
  EXPECT_EQ(got.layer_index, want.layer_index);
  EXPECT_EQ(got.layer_digest, want.layer_digest);
  EXPECT_EQ(got.layer_created_by, want.layer_created_by);
  EXPECT_EQ(got.in_base_image, want.in_base_image);
  EXPECT_EQ(got.os_owner, want.os_owner);
  EXPECT_EQ(got.version_source, want.version_source);
  EXPECT_EQ(got.purl, want.purl);
  if (same_ref) EXPECT_EQ(got.ref, want.ref);
}

// depends_on keys that name a package of the inventory (the SBOMs drop the others).
std::vector<std::string> resolvable(const Package& p) {
  std::vector<std::string> out;
  for (const std::string& key : p.depends_on)
    if (key != "pkg:npm/missing@1.0.0") out.push_back(key);
  return out;
}

// The licences as the SBOMs spell them: SPDX ids in the list's case ("bsd-3-clause" ->
// "BSD-3-Clause"), everything else as declared.
std::vector<std::string> canonical_licenses(const Package& p) {
  std::vector<std::string> out = p.licenses;
  for (std::string& l : out)
    if (l == "bsd-3-clause") l = "BSD-3-Clause";
  return out;
}

Inventory read_back(const std::string& bytes, const char* path) {
  Diagnostics diags;
  auto inv = read_sbom(bytes, path, &diags);
  EXPECT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_TRUE(diags.empty()) << diags.items().front().message;
  return inv.ok() ? *inv : Inventory{};
}

TEST(SbomRoundTrip, CycloneDxGivesBackEveryPackageField) {
  Inventory want = sample_inventory();
  Inventory got = read_back(write_cyclonedx(want, {}), "sbom.cdx.json");
  ASSERT_EQ(got.packages.size(), want.packages.size());
  for (size_t i = 0; i < want.packages.size(); ++i) {
    expect_same_package(want.packages[i], got.packages[i], true);
    EXPECT_EQ(got.packages[i].licenses, canonical_licenses(want.packages[i]));
    EXPECT_EQ(got.packages[i].depends_on, resolvable(want.packages[i]));
  }
  ASSERT_TRUE(got.os.has_value());
  EXPECT_EQ(got.os->id, "debian");
  EXPECT_EQ(got.os->version_id, "12");
  EXPECT_EQ(got.os->codename, "bookworm");
  EXPECT_EQ(got.os->pretty_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.manifest_digest, want.manifest_digest);
  EXPECT_EQ(got.config_digest, want.config_digest);
  EXPECT_EQ(got.architecture, want.architecture);
  EXPECT_EQ(got.timestamp, want.timestamp);
}

TEST(SbomRoundTrip, SpdxGivesBackEveryPackageField) {
  Inventory want = sample_inventory();
  Inventory got = read_back(write_spdx(want, {}), "sbom.spdx.json");
  ASSERT_EQ(got.packages.size(), want.packages.size());
  for (size_t i = 0; i < want.packages.size(); ++i) {
    expect_same_package(want.packages[i], got.packages[i], false);
    EXPECT_EQ(got.packages[i].licenses, canonical_licenses(want.packages[i]));
    EXPECT_EQ(got.packages[i].depends_on, resolvable(want.packages[i]));
  }
  ASSERT_TRUE(got.os.has_value());
  EXPECT_EQ(got.os->id, "debian");
  EXPECT_EQ(got.os->version_id, "12");
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.manifest_digest, want.manifest_digest);
}

TEST(SbomRoundTrip, HostileStringsSurviveBothFormats) {
  Inventory want = sample_inventory();
  want.packages[1].layer_created_by = "RUN a \\\n b=c";
  want.packages[1].locations[1] = "app/with=equals\\and\nnewline/package.json";
  for (const auto& bytes : {write_cyclonedx(want, {}), write_spdx(want, {})}) {
    Inventory got = read_back(bytes, "x.json");
    ASSERT_EQ(got.packages.size(), 4u);
    EXPECT_EQ(got.packages[1].layer_created_by, want.packages[1].layer_created_by);
    EXPECT_EQ(got.packages[1].locations, want.packages[1].locations);
  }
}

TEST(SbomRoundTrip, WritingWhatWasReadIsStable) {
  Inventory first = read_back(write_cyclonedx(sample_inventory(), {}), "sbom.cdx.json");
  first.tool_version = "0.1.0";
  std::string again = write_cyclonedx(first, {});
  Inventory second = read_back(again, "sbom.cdx.json");
  second.tool_version = "0.1.0";
  EXPECT_EQ(write_cyclonedx(second, {}), again);
}

}  // namespace
}  // namespace customs
