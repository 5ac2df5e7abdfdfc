#include "catalog/binary/executable.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <random>

#include "go_build_fixture.h"

namespace customs {
namespace {

using testing_go::build_go;
using testing_go::have_go;

#define REQUIRE_GO() \
  if (!have_go()) GTEST_SKIP() << "go is not installed: no real executables to read"

struct Expected {
  std::string goos, goarch;
  ExecFormat format;
  bool is_64bit, big_endian;
  std::string buildinfo_section;
};

class RealGoExecutable : public ::testing::TestWithParam<Expected> {};

TEST_P(RealGoExecutable, ReadsFormatAndBuildInfoSection) {
  REQUIRE_GO();
  const Expected& want = GetParam();
  std::string bytes = build_go(want.goos, want.goarch);
  ASSERT_FALSE(bytes.empty());
  ASSERT_TRUE(looks_like_executable(bytes));
  auto exe = parse_executable(bytes);
  ASSERT_TRUE(exe.has_value());
  EXPECT_EQ(exe->format, want.format);
  EXPECT_EQ(exe->is_64bit, want.is_64bit);
  EXPECT_EQ(exe->big_endian, want.big_endian);
  EXPECT_FALSE(exe->segments.empty());
  if (want.buildinfo_section.empty()) return;
  const ExecSection* s = exe->find_section(want.buildinfo_section);
  ASSERT_NE(s, nullptr);
  std::string_view content = exe->section_bytes(*s);
  EXPECT_EQ(content.substr(0, 14), "\xff Go buildinf:");
  // The same bytes through the virtual address (the segment that maps the section).
  EXPECT_EQ(exe->read_at(s->vaddr, 32), content.substr(0, 32));
}

INSTANTIATE_TEST_SUITE_P(
    GoTargets, RealGoExecutable,
    ::testing::Values(Expected{"linux", "amd64", ExecFormat::kElf, true, false, ".go.buildinfo"},
                      Expected{"linux", "386", ExecFormat::kElf, false, false, ".go.buildinfo"},
                      Expected{"linux", "mips", ExecFormat::kElf, false, true, ".go.buildinfo"},
                      Expected{"linux", "ppc64", ExecFormat::kElf, true, true, ".go.buildinfo"},
                      Expected{"windows", "amd64", ExecFormat::kPe, true, false, ""},
                      Expected{"windows", "386", ExecFormat::kPe, false, false, ""},
                      Expected{"darwin", "arm64", ExecFormat::kMachO, true, false, "__go_buildinfo"}),
    [](const auto& info) { return info.param.goos + "_" + info.param.goarch; });

// objdump -h lists a PE's sections with long names ("/4" -> ".zdebug_abbrev") resolved.
TEST(Executable, PeSectionTableMatchesObjdump) {
  REQUIRE_GO();
  if (std::system("objdump --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "objdump is not installed";
  std::string bytes = build_go("windows", "amd64");
  ASSERT_FALSE(bytes.empty());
  testing::ScratchDir scratch("customs-objdump");
  std::string path = (scratch / "objdump-me.exe").string();
  testing_go::write_file(path, bytes);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("objdump -h '" + path + "'").c_str(), "r"), pclose);
  ASSERT_TRUE(pipe);
  std::vector<std::string> lines;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe.get())) lines.emplace_back(buf);
  auto exe = parse_executable(bytes);
  ASSERT_TRUE(exe.has_value());
  size_t matched = 0;
  for (const std::string& line : lines) {
    unsigned idx;
    char name[128];
    unsigned long long size, vma, lma, off;
    if (sscanf(line.c_str(), " %u %127s %llx %llx %llx %llx", &idx, name, &size, &vma, &lma, &off) != 6)
      continue;
    ASSERT_LT(idx, exe->sections.size());
    EXPECT_EQ(exe->sections[idx].name, name);
    EXPECT_EQ(exe->sections[idx].vaddr, vma);
    EXPECT_EQ(exe->sections[idx].offset, off);
    ++matched;
  }
  EXPECT_EQ(matched, exe->sections.size());
  EXPECT_NE(exe->find_section(".zdebug_abbrev"), nullptr);
  EXPECT_EQ(exe->image_base, 0x400000u);
}

// A universal file with a slice that is not Mach-O first: the first slice that parses is read.
TEST(Executable, FatMachOReadsFirstSliceThatParses) {
  REQUIRE_GO();
  std::string thin = build_go("darwin", "arm64");
  ASSERT_FALSE(thin.empty());
  std::string fat(8192, '\0');
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) fat[at + i] = static_cast<char>(v >> (24 - 8 * i));
  };
  put32(0, 0xcafebabe);
  put32(4, 2);
  put32(8 + 8, 4096);  // slice 1: 16 bytes of junk
  put32(8 + 12, 16);
  put32(28 + 8, 8192);  // slice 2: the real executable
  put32(28 + 12, static_cast<uint32_t>(thin.size()));
  fat += thin;
  auto exe = parse_executable(fat);
  ASSERT_TRUE(exe.has_value());
  EXPECT_EQ(exe->format, ExecFormat::kMachO);
  EXPECT_EQ(exe->image.size(), thin.size());
  ASSERT_NE(exe->find_section("__go_buildinfo", "__DATA"), nullptr);
}

TEST(Executable, JavaClassIsNotAFatMachO) {
  std::string java_class("\xca\xfe\xba\xbe\x00\x00\x00\x34", 8);
  java_class += std::string(100, '\0');
  EXPECT_FALSE(parse_executable(java_class).has_value());
}

TEST(Executable, RejectsNonExecutables) {
  EXPECT_FALSE(looks_like_executable("#!/bin/sh\necho hi\n"));
  EXPECT_FALSE(parse_executable("#!/bin/sh\necho hi\n").has_value());
  EXPECT_FALSE(parse_executable("").has_value());
  EXPECT_FALSE(parse_executable("\x7f"
                                "ELF")
                   .has_value());
  EXPECT_FALSE(parse_executable("MZ not a PE at all, no header").has_value());
}

TEST(Executable, ReadAtOutsideAnyMappingIsEmpty) {
  REQUIRE_GO();
  std::string bytes = build_go("linux", "amd64");
  auto exe = parse_executable(bytes);
  ASSERT_TRUE(exe.has_value());
  EXPECT_TRUE(exe->read_at(0, 16).empty());
  EXPECT_TRUE(exe->read_at(UINT64_MAX - 4, 16).empty());
}

// Every prefix of a real executable (headers cut anywhere) and corrupted copies parse or fail
// without reading out of bounds (run under ASan in the sanitizer build).
TEST(Executable, TruncatedAndCorruptedExecutablesDoNotCrash) {
  REQUIRE_GO();
  for (auto [goos, goarch] : {std::pair{"linux", "386"}, {"windows", "amd64"}, {"darwin", "arm64"}}) {
    std::string bytes = build_go(goos, goarch);
    ASSERT_FALSE(bytes.empty());
    for (size_t n = 0; n < 8192 && n < bytes.size(); n += 7) {
      auto exe = parse_executable(std::string_view(bytes).substr(0, n));
      if (exe) {
        for (const ExecSection& s : exe->sections) EXPECT_LE(exe->section_bytes(s).size(), n);
      }
    }
    std::mt19937 rng(42);
    for (int round = 0; round < 200; ++round) {
      std::string copy = bytes.substr(0, 16384);
      for (int k = 0; k < 16; ++k) copy[rng() % 512] = static_cast<char>(rng());
      auto exe = parse_executable(copy);
      if (exe) {
        for (const ExecSection& s : exe->sections) (void)exe->read_at(s.vaddr, s.size);
      }
    }
  }
}

}  // namespace
}  // namespace customs
