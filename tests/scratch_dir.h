#pragma once
// ScratchDir: a fresh directory under TMPDIR made by mkdtemp, so it is unique to its process and
// call, and removed with everything in it when destroyed. CTest runs every test case as its own
// process, in parallel, so fixtures must never share a fixed path; a function-local static
// ScratchDir gives one directory per test process, removed at exit.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace customs::testing {

class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix = "customs-test") {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Empty when mkdtemp failed; tests assert on ok() before use.
  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace customs::testing
