// libFuzzer target: the triage parsers on arbitrary bytes. The first byte picks the parser (0: the
// ignore file, 1: a VEX document, 2: a customs JSON report); the rest is its input. Each must
// return a value or an error, never crash, hang or leak; what parses is applied to a few findings
// (and a report diffed against itself, which must leave everything unchanged).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "vulndb/triage/diff.h"
#include "vulndb/triage/ignore_file.h"
#include "vulndb/triage/vex.h"

namespace {

std::vector<customs::Vulnerability> findings() {
  std::vector<customs::Vulnerability> out(3);
  out[0].id = "CVE-2023-5678";
  out[0].package_name = "openssl";
  out[0].purl = "pkg:deb/debian/openssl@3.0.11-1?arch=amd64";
  out[0].path = "var/lib/dpkg/status";
  out[1].id = "CVE-2022-25883";
  out[1].aliases = {"GHSA-c2qf-rxjj-qqgw"};
  out[1].purl = "pkg:npm/semver@7.5.1";
  out[1].path = "app/node_modules/semver/package.json";
  out[2].id = "CVE-2023-44487";
  out[2].purl = "pkg:golang/golang.org/x/net@v0.15.0";
  out[2].fingerprint = "f";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto vulns = findings();
  switch (data[0] % 3) {
    case 0:
      if (auto file = customs::parse_ignore_file(bytes, "fuzz.yaml"); file.ok())
        (void)customs::apply_ignore_file(*file, vulns, "2024-06-01");
      break;
    case 1:
      if (auto doc = customs::parse_vex(bytes, "fuzz.json"); doc.ok())
        (void)customs::apply_vex(*doc, vulns, {"pkg:oci/app?repository_url=example.com/app"});
      break;
    default:
      if (auto keys = customs::read_report_vulnerabilities(bytes, "fuzz.json"); keys.ok()) {
        customs::VulnDiff d = customs::diff_vulnerabilities(*keys, *keys);
        if (!d.added.empty() || !d.fixed.empty() || d.unchanged.size() != keys->size()) __builtin_trap();
        (void)customs::apply_baseline(*keys, vulns, "fuzz.json");
      }
      break;
  }
  return 0;
}
