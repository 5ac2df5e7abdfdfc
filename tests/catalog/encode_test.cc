#include "catalog/encode.h"

#include <gtest/gtest.h>

namespace customs {
namespace {

TEST(CatalogEncoding, RoundTripsEveryFieldACatalogerSets) {
  CatalogResult r;
  Package p;
  p.type = PackageType::kDeb;
  p.name = "libssl3";
  p.version = "1:3.0.11-1~deb12u2";
  p.arch = "amd64";
  p.source_name = "openssl";
  p.licenses = {"Apache-2.0"};
  p.supplier = "Debian OpenSSL Team";
  p.homepage = "https://www.openssl.org/";
  p.cataloger = "dpkg-status";
  p.path = "var/lib/dpkg/status";
  p.files = {"usr/lib/x86_64-linux-gnu/libssl.so.3"};
  p.depends_on = {"pkg:deb/libc6@2.36"};
  Package q;
  q.type = PackageType::kNpm;
  q.namespace_ = "@babel";
  q.name = "core";
  q.version = "7.0.0";
  q.origin = PackageOrigin::kDeclared;
  q.dev = true;
  q.version_source = "file name";
  r.packages = {p, q};
  r.facts.push_back(PackageFacts{PackageType::kDeb, "libssl3", "amd64", {"etc/ssl"}, {"Apache-2.0"}});
  r.os = OsInfo{"debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "", "etc/os-release", 100};
  Diagnostic d;
  d.code = "npm.malformed";
  d.message = "bad";
  d.where.path = "a/package.json";
  d.where.line = 3;
  r.diagnostics.push_back(d);

  auto back = decode_catalog_result(encode_catalog_result(r));
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->packages.size(), 2u);
  const Package& b = back->packages[0];
  EXPECT_EQ(b.version, "1:3.0.11-1~deb12u2");
  EXPECT_EQ(b.source_name, "openssl");
  EXPECT_EQ(b.files, p.files);
  EXPECT_EQ(b.depends_on, p.depends_on);
  EXPECT_EQ(b.supplier, p.supplier);
  EXPECT_EQ(package_key(back->packages[1]), "pkg:npm/%40babel/core@7.0.0");
  EXPECT_EQ(back->packages[1].origin, PackageOrigin::kDeclared);
  EXPECT_TRUE(back->packages[1].dev);
  EXPECT_EQ(back->packages[1].version_source, "file name");
  ASSERT_EQ(back->facts.size(), 1u);
  EXPECT_EQ(back->facts[0].files, std::vector<std::string>{"etc/ssl"});
  ASSERT_TRUE(back->os.has_value());
  EXPECT_EQ(back->os->codename, "bookworm");
  EXPECT_EQ(back->os->priority, 100);
  ASSERT_EQ(back->diagnostics.size(), 1u);
  EXPECT_EQ(back->diagnostics[0].where.line, 3);
  EXPECT_EQ(encode_catalog_result(*back), encode_catalog_result(r));
}

TEST(CatalogEncoding, RejectsBytesOfAnotherVersionOrType) {
  EXPECT_FALSE(decode_catalog_result("not json").ok());
  EXPECT_FALSE(decode_catalog_result(R"({"v":999})").ok());
  EXPECT_FALSE(decode_catalog_result(R"({"v":1,"p":[{"t":"conda","n":"x"}]})").ok());
  EXPECT_FALSE(decode_catalog_result(R"({"v":1,"p":[{"t":"npm","n":"x","o":9}]})").ok());
}

}  // namespace
}  // namespace customs
