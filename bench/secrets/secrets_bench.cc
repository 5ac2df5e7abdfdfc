// customs_secrets_bench PATH... [--reps N] [--list] [--only hyperscan|re2]: loads every regular file under
// the paths (up to the scanner's size limit) into memory, then scans all of it with each backend,
// single-threaded, and prints MB/s and the hit count per backend (the counts must agree: same rules, same
// hits);
// --list prints every hit (rule, file:line, masked value).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "analyzers/secrets/scanner.h"

namespace fs = std::filesystem;
using customs::SecretBackend;

namespace {

struct File {
  std::string path;
  std::string bytes;
};

void load(const fs::path& p, uint64_t limit, std::vector<File>& out) {
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(p, ec))) {
    if (fs::file_size(p, ec) > limit || ec) return;
    std::ifstream in(p, std::ios::binary);
    out.push_back({p.string(), std::string(std::istreambuf_iterator<char>(in), {})});
    return;
  }
  if (!fs::is_directory(fs::symlink_status(p, ec))) return;
  for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    if (it->file_size(ec) > limit || ec) continue;
    std::ifstream in(it->path(), std::ios::binary);
    out.push_back({it->path().string(), std::string(std::istreambuf_iterator<char>(in), {})});
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  int reps = 3;
  bool list = false;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--reps" && i + 1 < argc) {
      reps = std::stoi(argv[++i]);
    } else if (a == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (a == "--list") {
      list = true;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: customs_secrets_bench PATH... [--reps N]\n");
    return 2;
  }
  std::vector<File> files;
  for (const auto& p : paths) load(p, customs::SecretScanOptions{}.max_file_size, files);
  uint64_t bytes = 0;
  for (const auto& f : files) bytes += f.bytes.size();
  std::printf("files %zu, %.1f MB\n", files.size(), static_cast<double>(bytes) / 1e6);
  for (SecretBackend b : {SecretBackend::kHyperscan, SecretBackend::kRe2Set}) {
    if (!only.empty() && only != to_string(b)) continue;
    customs::SecretScanOptions o;
    o.backend = b;
    auto scanner = customs::SecretScanner::create(o);
    if (!scanner.ok()) {
      std::fprintf(stderr, "%s\n", scanner.error().message.c_str());
      return 3;
    }
    double best = 1e99;
    size_t hits = 0;
    for (int r = 0; r < reps; ++r) {
      hits = 0;
      auto t0 = std::chrono::steady_clock::now();
      for (const auto& f : files) hits += (*scanner)->scan(f.path, f.bytes).size();
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      best = std::min(best, s);
    }
    if (list && b == SecretBackend::kHyperscan)
      for (const auto& f : files)
        for (const auto& h : (*scanner)->scan(f.path, f.bytes))
          std::printf("%s %s:%d %s\n", std::string(h.rule->rule.id).c_str(), f.path.c_str(), h.line,
                      h.masked.c_str());
    std::printf("%-10s best of %d: %.3f s, %.0f MB/s, %zu hits\n", std::string(to_string(b)).c_str(), reps,
                best, static_cast<double>(bytes) / 1e6 / best, hits);
  }
  return 0;
}
