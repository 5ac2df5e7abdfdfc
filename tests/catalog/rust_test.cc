#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"
#include "scratch_dir.h"

namespace customs {
namespace {

namespace fs = std::filesystem;

using customs::testing::catalog_testdata;
using customs::testing::cataloger_row;
using customs::testing::read_file;
using customs::testing::run_cataloger;

// The parse() of the row named `row_name` over `bytes` read at `path` as an executable file.
CatalogResult run(std::string_view row_name, std::string_view path, std::string_view bytes,
                  bool truncated = false) {
  return run_cataloger(row_name, path, bytes, truncated, /*mode=*/0755);
}

void write_bytes(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string zlib_compress(std::string_view data) {
  uLongf size = compressBound(data.size());
  std::string out(size, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
            data.size(), 7);
  out.resize(size);
  return out;
}

fs::path work_dir() {
  static const testing::ScratchDir dir("customs-rust-fixture");
  return dir.path();
}

std::string find_tool(const std::string& name) {
  const char* home = std::getenv("HOME");
  for (std::string candidate : {name, std::string(home ? home : "") + "/.cargo/bin/" + name}) {
    if (std::system((candidate + " --version > /dev/null 2>&1").c_str()) == 0) return candidate;
  }
  return {};
}

// A tiny program compiled by rustc, once per test process ("" when rustc is missing).
fs::path rust_program() {
  static const fs::path program = []() -> fs::path {
    std::string rustc = find_tool("rustc");
    if (rustc.empty()) return {};
    fs::path src = work_dir() / "hello.rs";
    write_bytes(src, "fn main() { println!(\"hello\"); }\n");
    fs::path out = work_dir() / "hello";
    std::string cmd =
        rustc + " -C opt-level=0 -o '" + out.string() + "' '" + src.string() + "' > /dev/null 2>&1";
    return std::system(cmd.c_str()) == 0 ? out : fs::path();
  }();
  return program;
}

// The program with a ".dep-v0" section holding `section` (what cargo-auditable links in: zlib-
// compressed JSON in a non-allocated section), added by objcopy.
std::string with_audit_section(std::string_view section, const std::string& tag) {
  fs::path data = work_dir() / (tag + ".zlib");
  fs::path out = work_dir() / ("hello-" + tag);
  write_bytes(data, section);
  std::string cmd = "objcopy --add-section .dep-v0='" + data.string() +
                    "' --set-section-flags .dep-v0=noload,readonly '" + rust_program().string() + "' '" +
                    out.string() + "' > /dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) return {};
  return read_file(out);
}

#define REQUIRE_RUST_TOOLS()                                                                     \
  if (rust_program().empty()) GTEST_SKIP() << "rustc is not installed: no Rust program to read"; \
  if (std::system("objcopy --version > /dev/null 2>&1") != 0)                                    \
  GTEST_SKIP() << "objcopy (binutils) is not installed"

constexpr std::string_view kAuditJson =
    R"({"format":1,"packages":[{"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"},)"
    R"({"name":"hello","version":"0.1.0","source":"local","dependencies":[2,3],"root":true},)"
    R"({"name":"libc","version":"0.2.153","source":"crates.io"},)"
    R"({"name":"zstd-sys","version":"2.0.9+zstd.1.5.5","source":"crates.io","dependencies":[0,2]}]})";

TEST(RustBinary, ReadsCargoAuditableSection) {
  REQUIRE_RUST_TOOLS();
  std::string bytes = with_audit_section(zlib_compress(kAuditJson), "ok");
  ASSERT_FALSE(bytes.empty());
  CatalogResult out = run("rust-binary", "usr/bin/hello", bytes);
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(out.packages.size(), 4u);
  const Package& cc = out.packages[0];
  EXPECT_EQ(cc.type, PackageType::kCargo);
  EXPECT_EQ(cc.name, "cc");
  EXPECT_EQ(cc.version, "1.0.83");
  EXPECT_TRUE(cc.dev);
  EXPECT_EQ(cc.cataloger, "rust-binary");
  EXPECT_EQ(cc.origin, PackageOrigin::kBinary);
  EXPECT_EQ(cc.path, "usr/bin/hello");
  const Package& hello = out.packages[1];
  EXPECT_FALSE(hello.dev);
  EXPECT_EQ(hello.depends_on,
            (std::vector<std::string>{"pkg:cargo/libc@0.2.153", "pkg:cargo/zstd-sys@2.0.9%2Bzstd.1.5.5"}));
  EXPECT_EQ(out.packages[3].depends_on,
            (std::vector<std::string>{"pkg:cargo/cc@1.0.83", "pkg:cargo/libc@0.2.153"}));
}

TEST(RustBinary, ProgramWithoutAuditDataIsSkippedSilently) {
  REQUIRE_RUST_TOOLS();
  std::string bytes = read_file(rust_program());
  CatalogResult out = run("rust-binary", "usr/bin/hello", bytes);
  EXPECT_TRUE(out.packages.empty());
  EXPECT_TRUE(out.diagnostics.empty());
  EXPECT_TRUE(
      run("rust-binary", "bin/sh-script", "#!/bin/sh\n" + std::string(2000, ' ')).diagnostics.empty());
}

TEST(RustBinary, DecompressionBombIsBounded) {
  REQUIRE_RUST_TOOLS();
  std::string bomb = zlib_compress(std::string(40 * 1024 * 1024, ' '));
  std::string bytes = with_audit_section(bomb, "bomb");
  ASSERT_FALSE(bytes.empty());
  CatalogResult out = run("rust-binary", "bomb", bytes);
  EXPECT_TRUE(out.packages.empty());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "rust.bad-audit-data");
  EXPECT_EQ(out.diagnostics[0].message, "cargo-auditable section: decompressed data exceeds 33554432 bytes");
}

TEST(RustBinary, CorruptAndTruncatedDataGiveDiagnostics) {
  REQUIRE_RUST_TOOLS();
  std::string compressed = zlib_compress(kAuditJson);
  std::string bytes = with_audit_section(compressed.substr(0, compressed.size() / 2), "cut");
  ASSERT_FALSE(bytes.empty());
  CatalogResult out = run("rust-binary", "cut", bytes);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].message, "cargo-auditable section: zlib data is truncated");

  bytes = with_audit_section(
      zlib_compress(R"({"packages":[{"name":"a","version":"1","dependencies":[7,-1]},{}]})"), "badjson");
  out = run("rust-binary", "bad", bytes);
  ASSERT_EQ(out.packages.size(), 1u);
  ASSERT_EQ(out.diagnostics.size(), 2u);
  EXPECT_EQ(out.diagnostics[0].message, "1 packages without a name or version were skipped");
  EXPECT_EQ(out.diagnostics[1].message, "2 dependency indices point at no package");
}

std::string registry_lockfile() { return catalog_testdata("rust/Cargo.lock"); }

const Package* find(const CatalogResult& out, std::string_view name, std::string_view version) {
  for (const Package& p : out.packages) {
    if (p.name == name && p.version == version) return &p;
  }
  return nullptr;
}

TEST(CargoLock, ReadsRegistryPackagesAndResolvesVersionedReferences) {
  CatalogResult out = run("rust-cargo-lock", "src/Cargo.lock", registry_lockfile());
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(out.packages.size(), 21u);
  const Package* object = find(out, "object", "0.30.3");
  ASSERT_NE(object, nullptr);
  EXPECT_EQ(object->type, PackageType::kCargo);
  EXPECT_EQ(object->cataloger, "rust-cargo-lock");
  EXPECT_EQ(object->origin, PackageOrigin::kDeclared);
  EXPECT_EQ(object->path, "src/Cargo.lock");
  EXPECT_EQ(object->depends_on,
            (std::vector<std::string>{"pkg:cargo/crc32fast@1.3.2", "pkg:cargo/hashbrown@0.13.2",
                                      "pkg:cargo/indexmap@1.9.1", "pkg:cargo/memchr@2.7.1"}));
  const Package* hashbrown = find(out, "hashbrown", "0.13.2");
  ASSERT_NE(hashbrown, nullptr);
  EXPECT_EQ(hashbrown->depends_on, (std::vector<std::string>{"pkg:cargo/ahash@0.8.3"}));
  // The workspace's own crate (no "source") is kept: it is the root of the graph.
  const Package* root = find(out, "auditable-info", "0.7.0");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->depends_on.size(), 3u);
}

TEST(CargoLock, ReadsTheLockfileCargoWritesForAPathWorkspace) {
  std::string cargo = find_tool("cargo");
  if (cargo.empty()) GTEST_SKIP() << "cargo is not installed";
  fs::path ws = work_dir() / "workspace";
  write_bytes(ws / "Cargo.toml", "[workspace]\nmembers = [\"app\", \"util\"]\nresolver = \"2\"\n");
  write_bytes(ws / "app/Cargo.toml",
              "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n"
              "util = { path = \"../util\" }\n");
  write_bytes(ws / "app/src/main.rs", "fn main() {}\n");
  write_bytes(ws / "util/Cargo.toml",
              "[package]\nname = \"util\"\nversion = \"0.2.0\"\nedition = \"2021\"\n");
  write_bytes(ws / "util/src/lib.rs", "\n");
  std::string cmd = "cd '" + ws.string() + "' && CARGO_HOME='" + (work_dir() / "cargo-home").string() + "' " +
                    cargo + " generate-lockfile --offline > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  CatalogResult out = run("rust-cargo-lock", "Cargo.lock", read_file(ws / "Cargo.lock"));
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(out.packages.size(), 2u);
  EXPECT_EQ(out.packages[0].name, "app");
  EXPECT_EQ(out.packages[0].depends_on, (std::vector<std::string>{"pkg:cargo/util@0.2.0"}));
  EXPECT_EQ(out.packages[1].name, "util");
  EXPECT_EQ(out.packages[1].version, "0.2.0");
}

// Lockfile format 1 names each dependency "name version (source)".
TEST(CargoLock, ResolvesVersionOneReferencesWithSource) {
  std::string_view lock = R"lock([[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "libc 0.2.40 (registry+https://github.com/rust-lang/crates.io-index)",
 "libc 0.2.40 (git+https://github.com/rust-lang/libc#abc)",
]

[[package]]
name = "libc"
version = "0.2.40"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "libc"
version = "0.2.40"
source = "git+https://github.com/rust-lang/libc#abc"
)lock";
  CatalogResult out = run("rust-cargo-lock", "Cargo.lock", lock);
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(out.packages.size(), 3u);
  EXPECT_EQ(out.packages[0].depends_on.size(), 2u);
}

TEST(CargoLock, UnresolvedDependencyIsDiagnosedAtItsPackage) {
  CatalogResult out =
      run("rust-cargo-lock", "Cargo.lock",
          "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\ndependencies = [\"gone\"]\n");
  ASSERT_EQ(out.packages.size(), 1u);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "rust.unresolved-dependency");
  EXPECT_EQ(out.diagnostics[0].where.line, 3);
}

TEST(CargoLock, MalformedAndOddInputsGiveDiagnostics) {
  CatalogResult out = run("rust-cargo-lock", "Cargo.lock", "[[package]]\nname = \"a\"\nversion = \n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "rust.bad-lockfile");
  EXPECT_EQ(out.diagnostics[0].where.line, 3);
  out = run("rust-cargo-lock", "Cargo.lock", "package = 7\n[[x]]\n");
  EXPECT_TRUE(out.packages.empty());
  out = run("rust-cargo-lock", "Cargo.lock",
            "[[package]]\nname = 1\nversion = \"1\"\n[[package]]\nname = \"b\"\n");
  EXPECT_TRUE(out.packages.empty());
  EXPECT_EQ(out.diagnostics.size(), 2u);
  out = run("rust-cargo-lock", "Cargo.lock", registry_lockfile().substr(0, 100), true);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "rust.truncated");
}

TEST(CargoLock, WantsOnlyCargoLock) {
  FsEntry e;
  e.path = "src/app/Cargo.lock";
  e.size = 10;
  EXPECT_GT(cataloger_row("rust-cargo-lock").wants(e), 0u);
  e.path = "src/app/Cargo.toml";
  EXPECT_EQ(cataloger_row("rust-cargo-lock").wants(e), 0u);
}

}  // namespace
}  // namespace customs
