#pragma once
// Builds real Java archives for tests with the JDK's `jar` tool (and `javac` for a class file):
// write the files of a tree, then `jar cfm`. Tests skip visibly when the JDK is missing.
#include "catalog/catalog_test_util.h"
#include "scratch_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace customs::testing {

// Asks the shell, not the JVM: a JVM start costs seconds on a loaded machine.
inline bool have_jdk() {
  static const bool found =
      std::system("command -v jar >/dev/null 2>&1 && command -v javac >/dev/null 2>&1") == 0;
  return found;
}

// JVM flags that halve the start-up time of the short-lived jar and javac processes.
inline constexpr const char* kQuickJvm = " -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -J-Xshare:auto ";

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string pom_properties(const std::string& g, const std::string& a, const std::string& v) {
  return "#Created by Apache Maven 3.9.6\ngroupId=" + g + "\nartifactId=" + a + "\nversion=" + v + "\n";
}

// A fresh directory of its own (removed with the workspace); jars are built in it.
class JarWorkspace {
 public:
  explicit JarWorkspace(const std::string& name) : scratch_("customs-java-" + name), root_(scratch_.path()) {}
  const std::filesystem::path& root() const { return root_; }

  // Builds root/<jar_name> from `files` (entry path -> content; a value starting with "@" copies
  // the file root/<rest>) and a manifest (main section lines; "" for jar's default). `store`
  // builds without compression (jar -0). Returns the archive's bytes, "" when jar failed.
  std::string build(const std::string& jar_name, const std::map<std::string, std::string>& files,
                    const std::string& manifest = "", bool store = false) {
    std::filesystem::path tree = root_ / ("tree-" + jar_name);
    std::filesystem::remove_all(tree);
    std::filesystem::create_directories(tree);
    for (const auto& [entry, content] : files) {
      if (!content.empty() && content[0] == '@') {
        std::filesystem::create_directories((tree / entry).parent_path());
        std::filesystem::copy_file(root_ / content.substr(1), tree / entry);
      } else {
        write_text(tree / entry, content);
      }
    }
    write_text(root_ / "manifest.txt", manifest.empty() ? "Created-By: customs tests\n" : manifest);
    std::string cmd = "cd '" + root_.string() + "' && jar" + kQuickJvm + "-c" + (store ? "0" : "") + "fm '" +
                      jar_name + "' manifest.txt -C '" + tree.string() + "' . >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return {};
    return read_file(root_ / jar_name);
  }

 private:
  ScratchDir scratch_;
  std::filesystem::path root_;
};

}  // namespace customs::testing
