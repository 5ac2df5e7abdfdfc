#pragma once
// Builds a small Go program with `go build` at test time (offline: a local dependency module
// required as example.com/dep v1.2.3 and replaced by ../dep), for any GOOS/GOARCH. Shared by
// executable_test.cc and go_test.cc; each build is made once per test process, in a directory of
// its own (CTest runs test cases as parallel processes).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "catalog/catalog_test_util.h"
#include "scratch_dir.h"

namespace customs::testing_go {

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline bool have_go() { return std::system("go version > /dev/null 2>&1") == 0; }

inline std::filesystem::path go_workspace() {
  static const testing::ScratchDir scratch("customs-go-fixture");
  static const std::filesystem::path root = [] {
    std::filesystem::path dir = scratch.path();
    write_file(dir / "dep/go.mod", "module example.com/dep\n\ngo 1.19\n");
    write_file(dir / "dep/dep.go", "package dep\n\nfunc Hello() string { return \"hi\" }\n");
    write_file(dir / "app/go.mod",
               "module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.2.3\n\n"
               "replace example.com/dep => ../dep\n");
    write_file(dir / "app/main.go",
               "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/dep\"\n)\n\n"
               "func main() { fmt.Println(dep.Hello()) }\n");
    return dir;
  }();
  return root;
}

// The executable for goos/goarch, or "" when the build failed (the log is printed).
inline std::string build_go(const std::string& goos, const std::string& goarch,
                            const std::string& ldflags = "") {
  static std::map<std::string, std::string> built;
  std::string key = goos + "-" + goarch + ldflags;
  if (auto it = built.find(key); it != built.end()) return it->second;
  std::filesystem::path dir = go_workspace();
  std::filesystem::path out = dir / ("app-" + std::to_string(built.size()));
  // The build cache outlives the fixture directory, so the standard library is compiled once
  // per GOOS/GOARCH for all the test processes that share this temp dir (go locks its cache, so
  // parallel builds may share it).
  std::filesystem::path cache = std::filesystem::path(::testing::TempDir()) / "customs-go-cache";
  std::string cmd =
      "cd '" + (dir / "app").string() + "' && GOCACHE='" + cache.string() + "' GOPATH='" +
      (cache / "gopath").string() +
      "' GOPROXY=off GONOSUMDB='*' GOFLAGS='-mod=mod -buildvcs=false' CGO_ENABLED=0 GOOS=" + goos +
      " GOARCH=" + goarch + " go build " + (ldflags.empty() ? "" : "-ldflags='" + ldflags + "' ") + "-o '" +
      out.string() + "' . > '" + out.string() + ".log' 2>&1";
  std::string bytes;
  if (std::system(cmd.c_str()) == 0) {
    bytes = testing::read_file(out);
  } else {
    ADD_FAILURE() << "go build failed: " << testing::read_file(out.string() + ".log");
  }
  built[key] = bytes;
  return bytes;
}

}  // namespace customs::testing_go
