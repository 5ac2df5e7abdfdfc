#pragma once
// A small image inventory for the SBOM writer tests and the round trip: a Debian package with an
// epoch and a source package, two scoped npm packages (one depending on the other and on a
// package that is not in the inventory), a Maven package inside a nested jar, and licences that
// are SPDX ids, an expression and names SPDX does not list.
#include "model/inventory.h"

namespace customs::testing {

inline Package sample_deb() {
  Package p;
  p.type = PackageType::kDeb;
  p.name = "login";
  p.version = "1:4.13+dfsg1-1+b1";
  p.arch = "amd64";
  p.source_name = "shadow";
  p.source_version = "1:4.13+dfsg1-1";
  p.licenses = {"GPL-2", "bsd-3-clause"};
  p.supplier = "Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>";
  p.homepage = "https://github.com/shadow-maint/shadow";
  p.cataloger = "dpkg-status";
  p.path = "var/lib/dpkg/status";
  p.locations = {"var/lib/dpkg/status"};
  p.layer_index = 0;
  p.layer_digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  p.layer_created_by = "/bin/sh -c #(nop) ADD file:0123 in / ";
  p.in_base_image = true;
  p.purl = "pkg:deb/debian/login@4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12&epoch=1";
  p.ref = p.purl;
  return p;
}

inline Package sample_npm(const std::string& name, const std::string& license) {
  Package p;
  p.type = PackageType::kNpm;
  p.namespace_ = "@babel";
  p.name = name;
  p.version = "7.23.0";
  p.licenses = {license};
  p.cataloger = "npm-package";
  p.path = "app/node_modules/@babel/" + name + "/package.json";
  p.locations = {p.path};
  p.layer_index = 2;
  p.layer_digest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
  p.layer_created_by = "COPY app /app # buildkit";
  p.purl = "pkg:npm/%40babel/" + name + "@7.23.0";
  p.ref = p.purl;
  return p;
}

inline Package sample_maven() {
  Package p;
  p.type = PackageType::kMaven;
  p.namespace_ = "org.apache.commons";
  p.name = "commons-lang3";
  p.version = "3.12.0";
  p.licenses = {"Apache License, Version 2.0"};
  p.supplier = "The Apache Software Foundation";
  p.cataloger = "java-archive";
  p.origin = PackageOrigin::kInstalled;
  p.path =
      "app/app.jar!/BOOT-INF/lib/commons-lang3-3.12.0.jar!/META-INF/maven/org.apache.commons/"
      "commons-lang3/pom.properties";
  p.locations = {p.path};
  p.layer_index = 2;
  p.layer_digest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
  p.layer_created_by = "COPY app /app # buildkit";
  p.os_owner = "pkg:deb/debian/libcommons-lang3-java@3.12.0-2?arch=all&distro=debian-12";
  p.version_source = "pom.properties";
  p.purl = "pkg:maven/org.apache.commons/commons-lang3@3.12.0";
  p.ref = p.purl;
  return p;
}

inline Inventory sample_inventory() {
  Inventory inv;
  inv.target = "registry.example/app:1.0";
  inv.target_kind = "image";
  inv.name = "registry.example/app:1.0";
  inv.manifest_digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  inv.config_digest = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
  inv.architecture = "linux/amd64";
  inv.base_image = "debian:12";
  inv.os = OsInfo{"debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "", "etc/os-release", 10};
  inv.layers = {
      {0, "sha256:1111111111111111111111111111111111111111111111111111111111111111", "", "", true},
      {1, "sha256:2222222222222222222222222222222222222222222222222222222222222222", "", "", false},
      {2, "sha256:3333333333333333333333333333333333333333333333333333333333333333", "", "", false}};
  inv.base_layers = 1;
  Package core = sample_npm("core", "MIT");
  core.supplier = "Sebastian McKenzie <sebmck@gmail.com>";
  core.locations.push_back("app/tools/node_modules/@babel/core/package.json");
  core.depends_on = {"pkg:npm/%40babel/parser@7.23.0", "pkg:npm/missing@1.0.0"};
  Package parser = sample_npm("parser", "MIT AND (BSD-2-Clause OR Apache-2.0)");
  parser.dev = true;
  parser.origin = PackageOrigin::kDeclared;
  inv.packages = {sample_deb(), core, parser, sample_maven()};
  inv.tool_version = "0.1.0";
  inv.timestamp = "2026-11-23T10:00:00Z";
  return inv;
}

}  // namespace customs::testing
