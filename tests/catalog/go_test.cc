#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "catalog/binary/executable.h"
#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"
#include "catalog/go/buildinfo.h"
#include "go_build_fixture.h"

namespace customs {
namespace {

using customs::testing::cataloger_row;
using customs::testing::read_file;
using customs::testing::run_cataloger;
using testing_go::build_go;
using testing_go::have_go;

#define REQUIRE_GO() \
  if (!have_go()) GTEST_SKIP() << "go is not installed: no Go executables to read"

// The go-binary row, and its parse() over `bytes` read at `path` as an executable file.
const Cataloger& go_row() { return cataloger_row("go-binary"); }

CatalogResult run(std::string_view path, std::string_view bytes) {
  return run_cataloger("go-binary", path, bytes, /*truncated=*/false, /*mode=*/0755);
}

std::string command_output(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  size_t n;
  while (pipe && (n = fread(buf, 1, sizeof buf, pipe.get())) > 0) out.append(buf, n);
  return out;
}

std::string go_toolchain_version() {
  std::string v = command_output("go env GOVERSION");
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v;  // "go1.19.8"
}

class GoBinaryOnEveryFormat : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(GoBinaryOnEveryFormat, ListsMainModuleDependencyAndStdlib) {
  REQUIRE_GO();
  std::string bytes = build_go(GetParam().first, GetParam().second);
  ASSERT_FALSE(bytes.empty());
  CatalogResult out = run("app/bin/server", bytes);
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(out.packages.size(), 3u);
  std::string stdlib_version = "v" + go_toolchain_version().substr(2);

  const Package& main = out.packages[0];
  EXPECT_EQ(main.type, PackageType::kGolang);
  EXPECT_EQ(main.namespace_, "example.com");
  EXPECT_EQ(main.name, "app");
  EXPECT_EQ(main.version, "(devel)");
  EXPECT_EQ(main.version_source, "build info");
  EXPECT_EQ(main.cataloger, "go-binary");
  EXPECT_EQ(main.origin, PackageOrigin::kBinary);
  EXPECT_EQ(main.path, "app/bin/server");
  EXPECT_EQ(main.depends_on, (std::vector<std::string>{"pkg:golang/example.com/dep@v1.2.3",
                                                       "pkg:golang/stdlib@" + stdlib_version}));

  const Package& dep = out.packages[1];
  EXPECT_EQ(dep.namespace_, "example.com");
  EXPECT_EQ(dep.name, "dep");
  EXPECT_EQ(dep.version, "v1.2.3");
  EXPECT_EQ(dep.version_source, "build info: replaced by local directory ../dep");
  EXPECT_TRUE(dep.depends_on.empty());

  const Package& stdlib = out.packages[2];
  EXPECT_EQ(stdlib.namespace_, "");
  EXPECT_EQ(stdlib.name, "stdlib");
  EXPECT_EQ(stdlib.version, stdlib_version);
}

INSTANTIATE_TEST_SUITE_P(Formats, GoBinaryOnEveryFormat,
                         ::testing::Values(std::pair{"linux", "amd64"}, std::pair{"linux", "386"},
                                           std::pair{"windows", "amd64"}, std::pair{"darwin", "arm64"}),
                         [](const auto& info) { return info.param.first + "_" + info.param.second; });

TEST(GoBinary, StrippedBinaryStillHasBuildInfo) {
  REQUIRE_GO();
  std::string bytes = build_go("linux", "amd64", "-s -w");
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(run("app", bytes).packages.size(), 3u);
}

// Without the ".go.buildinfo" section name (section headers stripped or renamed), the header is
// found at the start of the first writable segment, as Go's own reader finds it.
TEST(GoBinary, FindsBuildInfoWithoutItsSectionName) {
  REQUIRE_GO();
  std::string bytes = build_go("linux", "amd64");
  size_t at = bytes.find(".go.buildinfo");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 1] = 'x';
  auto exe = parse_executable(bytes);
  ASSERT_TRUE(exe.has_value());
  ASSERT_EQ(exe->find_section(".go.buildinfo"), nullptr);
  CatalogResult out = run("app", bytes);
  ASSERT_EQ(out.packages.size(), 3u);
  EXPECT_EQ(out.packages[1].name, "dep");
}

// Compares with `go version -m` on Go programs installed on this machine (Debian builds some
// in GOPATH mode: no "mod" line, so only the standard library is listed).
TEST(GoBinary, AgreesWithGoVersionOnInstalledPrograms) {
  REQUIRE_GO();
  size_t compared = 0;
  for (const char* path : {"/usr/bin/skopeo", "/usr/bin/umoci", "/usr/lib/google-cloud-sdk/bin/kpt"}) {
    if (!std::filesystem::exists(path)) continue;
    std::string bytes = read_file(path);
    std::string listing = command_output(std::string("go version -m '") + path + "'");
    std::vector<std::string> want;  // "path version" of the main module and deps, as go prints them
    std::string go_version;
    std::istringstream lines(listing);
    std::string line;
    std::string pending;
    while (std::getline(lines, line)) {
      std::vector<std::string> cols;
      std::istringstream ls(line);
      for (std::string c; ls >> c;) cols.push_back(c);
      if (cols.size() == 2 && go_version.empty()) go_version = cols[1];
      if (cols.size() >= 3 && (cols[0] == "mod" || cols[0] == "dep")) {
        if (!pending.empty()) want.push_back(pending);
        pending = cols[1] + " " + cols[2];
      } else if (cols.size() >= 3 && cols[0] == "=>") {
        pending = cols[1] + " " + cols[2];
      }
    }
    if (!pending.empty()) want.push_back(pending);
    CatalogResult out = run(path, bytes);
    EXPECT_TRUE(out.diagnostics.empty()) << path;
    std::vector<std::string> got;
    for (const Package& p : out.packages) {
      if (p.name == "stdlib") {
        EXPECT_EQ(p.version, "v" + go_version.substr(2)) << path;
        continue;
      }
      got.push_back((p.namespace_.empty() ? "" : p.namespace_ + "/") + p.name + " " + p.version);
    }
    EXPECT_EQ(got, want) << path;
    ++compared;
  }
  if (compared == 0) GTEST_SKIP() << "no installed Go programs to compare with";
}

TEST(GoBinary, NonGoExecutablesAndScriptsAreSkippedSilently) {
  std::string script = "#!/bin/sh\n" + std::string(2000, '#');
  EXPECT_TRUE(run("bin/script", script).packages.empty());
  EXPECT_TRUE(run("bin/script", script).diagnostics.empty());
  std::string c_program = read_file("/bin/true");
  ASSERT_FALSE(c_program.empty());
  CatalogResult out = run("bin/true", c_program);
  EXPECT_TRUE(out.packages.empty());
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(GoBinary, WantsOnlyExecutableRegularFilesOfSomeSize) {
  FsEntry e;
  e.path = "usr/local/bin/app";
  e.size = 4096;
  e.mode = 0755;
  EXPECT_EQ(go_row().wants(e), UINT64_MAX);
  e.mode = 0644;
  EXPECT_EQ(go_row().wants(e), 0u);
  e.mode = 0100;
  EXPECT_EQ(go_row().wants(e), UINT64_MAX);
  e.size = 100;
  EXPECT_EQ(go_row().wants(e), 0u);
  e.size = 4096;
  e.type = EntryType::kSymlink;
  EXPECT_EQ(go_row().wants(e), 0u);
}

// A header whose inline strings run past the end of the file.
TEST(GoBinary, DamagedBuildInfoGivesADiagnostic) {
  REQUIRE_GO();
  std::string bytes = build_go("linux", "amd64");
  auto exe = parse_executable(bytes);
  ASSERT_TRUE(exe.has_value());
  const ExecSection* s = exe->find_section(".go.buildinfo");
  ASSERT_NE(s, nullptr);
  bytes[s->offset + 32] = '\xff';  // the version's length varint now never ends in the file
  for (size_t i = 33; i < 48; ++i) bytes[s->offset + i] = '\xff';
  CatalogResult out = run("app", bytes);
  EXPECT_TRUE(out.packages.empty());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "go.bad-buildinfo");
  EXPECT_EQ(out.diagnostics[0].where.file, "app");
}

// Go before 1.18 stored two pointers to string headers; this ELF is built by hand: one writable
// PT_LOAD at 0x10000 mapping the whole file, the header at 0x100, string headers at 0x200.
constexpr std::string_view kOldModInfo =
    "path\tex.com/tool\nmod\tex.com/tool\tv0.1.0\t\ndep\tgolang.org/x/text\tv0.3.7\th1:x=\n";

std::string pointer_format_elf(std::string_view modinfo, bool with_mod = true) {
  std::string f(0x400, '\0');
  auto put = [&](size_t at, uint64_t v, int width) {
    for (int i = 0; i < width; ++i) f[at + i] = static_cast<char>(v >> (8 * i));
  };
  f.replace(0, 4,
            "\x7f"
            "ELF");
  f[4] = 2;  // ELFCLASS64
  f[5] = 1;  // little endian
  f[6] = 1;
  put(32, 64, 8);  // e_phoff
  put(54, 56, 2);  // e_phentsize
  put(56, 1, 2);   // e_phnum
  put(64, 1, 4);   // PT_LOAD
  put(68, 6, 4);   // PF_R | PF_W
  put(72, 0, 8);   // p_offset
  put(80, 0x10000, 8);
  put(96, f.size(), 8);  // p_filesz
  f.replace(0x100, 14, "\xff Go buildinf:");
  f[0x100 + 14] = 8;
  f[0x100 + 15] = 0;
  put(0x110, 0x10200, 8);  // &runtime.buildVersion
  put(0x118, 0x10210, 8);  // &runtime.modinfo
  std::string vers = "go1.16.15";
  std::string mod = std::string(16, 'S') + std::string(modinfo) + std::string(16, 'E');
  put(0x200, 0x10300, 8);
  put(0x208, vers.size(), 8);
  put(0x210, 0x10320, 8);
  put(0x218, with_mod ? mod.size() : 0x5000, 8);  // without: runs past the mapping
  f.replace(0x300, vers.size(), vers);
  f.replace(0x320, mod.size(), mod);
  return f;
}

TEST(GoBinary, ReadsPre118PointerFormat) {
  std::string elf = pointer_format_elf(kOldModInfo);
  CatalogResult out = run("old", elf);
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(out.packages.size(), 3u);
  EXPECT_EQ(out.packages[0].name, "tool");
  EXPECT_EQ(out.packages[0].version, "v0.1.0");
  EXPECT_EQ(out.packages[1].namespace_, "golang.org/x");
  EXPECT_EQ(out.packages[1].name, "text");
  EXPECT_EQ(out.packages[1].version, "v0.3.7");
  EXPECT_EQ(out.packages[2].version, "v1.16.15");
  ASSERT_EQ(run("old", pointer_format_elf(kOldModInfo, false)).diagnostics.size(), 1u);
}

TEST(GoModInfo, ParsesReplacementsAndQuotedSettings) {
  GoModInfo info = parse_go_modinfo(
      "path\tgithub.com/x/cmd/tool\n"
      "mod\tgithub.com/x\tv1.0.0\th1:main=\n"
      "dep\tgithub.com/A/B\tv0.1.0\th1:a=\n"
      "=>\tgithub.com/fork/b\tv0.1.1\th1:f=\n"
      "=>\torphan\tv1\th1:=\n"
      "dep\tgolang.org/x/sys\tv0.5.0\n"
      "build\t-ldflags=\"-s -w -X main.v=1\"\n"
      "build\tvcs.revision=0123abc\n");
  EXPECT_EQ(info.package_path, "github.com/x/cmd/tool");
  ASSERT_TRUE(info.has_main);
  EXPECT_EQ(info.main.version, "v1.0.0");
  EXPECT_EQ(info.main.sum, "h1:main=");
  ASSERT_EQ(info.deps.size(), 2u);
  EXPECT_EQ(info.deps[0].module.path, "github.com/A/B");
  EXPECT_TRUE(info.deps[0].replaced);
  EXPECT_EQ(info.deps[0].replacement.path, "github.com/fork/b");
  EXPECT_FALSE(info.deps[1].replaced);
  ASSERT_EQ(info.settings.size(), 2u);
  EXPECT_EQ(info.settings[0], (std::pair<std::string, std::string>{"-ldflags", "-s -w -X main.v=1"}));
  EXPECT_EQ(info.settings[1], (std::pair<std::string, std::string>{"vcs.revision", "0123abc"}));
  ASSERT_EQ(info.problems.size(), 1u);
  EXPECT_EQ(info.problems[0], "line 5: replacement with no module on the previous line");
}

TEST(GoBinary, ModuleReplacementWinsAndPathCaseIsKept) {
  std::string elf = pointer_format_elf(
      "path\tgithub.com/Org/App\nmod\tgithub.com/Org/App\tv2.0.0\t\n"
      "dep\tgithub.com/A/B\tv0.1.0\th1:a=\n=>\tgithub.com/Fork/B\tv0.1.1\th1:f=\n");
  CatalogResult out = run("app", elf);
  ASSERT_EQ(out.packages.size(), 3u);
  EXPECT_EQ(out.packages[0].namespace_, "github.com/Org");
  EXPECT_EQ(out.packages[0].name, "App");
  EXPECT_EQ(out.packages[1].namespace_, "github.com/Fork");
  EXPECT_EQ(out.packages[1].name, "B");
  EXPECT_EQ(out.packages[1].version, "v0.1.1");
  EXPECT_EQ(out.packages[1].version_source, "build info: replacement of github.com/A/B v0.1.0");
  EXPECT_EQ(out.packages[0].depends_on[0], package_key(out.packages[1]));
}

}  // namespace
}  // namespace customs
