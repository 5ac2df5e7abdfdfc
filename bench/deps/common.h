// Shared harness of the dependency benchmarks: a table of cases (name "input/library"), each a
// function that does one full pass over its input and returns a result digest, run three ways:
//   prog [google-benchmark flags]   time every case (MB/s from the input's byte count)
//   prog --one=NAME                 run one case once (for /usr/bin/time -v peak memory)
//   prog --verify                   run each case once and print "NAME<TAB>digest<TAB>detail"
// Inputs come from $DEPS_IN (default /tmp/customs-deps/in), written by gen_inputs.py.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace deps {

struct Result {
  uint64_t digest = 0;  // equal across libraries when they agree on the input
  std::string detail;   // human-readable counts
};

struct Case {
  std::string name;               // "input/library"
  std::function<size_t()> bytes;  // input size (loads the input on first call)
  std::function<Result()> run;    // one full pass
  int64_t items = 0;              // documents or arrays per pass, 0 if not meaningful
};

inline std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}

inline void add(Case c) { cases().push_back(std::move(c)); }

inline std::string input_dir() {
  const char* d = std::getenv("DEPS_IN");
  return d ? d : "/tmp/customs-deps/in";
}

// Reads a whole file; `padding` extra zero bytes stay allocated after size() (for simdjson).
inline std::string read_file(const std::string& path, size_t padding = 0) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    std::fprintf(stderr, "cannot read %s (run bench/deps/run.sh, or set DEPS_IN)\n", path.c_str());
    std::exit(2);
  }
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  std::string s(static_cast<size_t>(size) + padding, '\0');  // one allocation: peak RSS = input size
  size_t got = std::fread(s.data(), 1, static_cast<size_t>(size), f);
  std::fclose(f);
  s.resize(got);  // keeps the capacity, so the padding stays readable
  return s;
}

// Splits text at lines "### FILE <path>\n" into the files' bodies (the marker line excluded).
inline std::vector<std::string_view> split_files(std::string_view text) {
  std::vector<std::string_view> files;
  const std::string_view marker = "### FILE ";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t body = eol == std::string_view::npos ? text.size() : eol + 1;
    size_t next = text.find("\n### FILE ", body == 0 ? 0 : body - 1);
    size_t end = next == std::string_view::npos ? text.size() : next + 1;
    if (text.substr(pos, marker.size()) == marker) files.push_back(text.substr(body, end - body));
    pos = end;
  }
  return files;
}

inline uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

inline int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a.rfind("--one=", 0) == 0) {
      for (Case& c : cases()) {
        if (c.name != a.substr(6)) continue;
        c.bytes();
        Result r = c.run();
        std::printf("%s\t%llu\t%s\n", c.name.c_str(), static_cast<unsigned long long>(r.digest),
                    r.detail.c_str());
        return 0;
      }
      std::fprintf(stderr, "no case %s\n", argv[i] + 6);
      return 2;
    }
    if (a == "--verify" || a == "--list") {
      for (Case& c : cases()) {
        if (a == "--list") {
          std::printf("%s\n", c.name.c_str());
          continue;
        }
        c.bytes();
        Result r = c.run();
        std::printf("%s\t%llu\t%s\n", c.name.c_str(), static_cast<unsigned long long>(r.digest),
                    r.detail.c_str());
        std::fflush(stdout);
      }
      return 0;
    }
  }
  for (Case& c : cases()) {
    Case* cp = &c;
    benchmark::RegisterBenchmark(c.name.c_str(), [cp](benchmark::State& st) {
      size_t n = cp->bytes();
      for (auto _ : st) benchmark::DoNotOptimize(cp->run().digest);
      st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) * static_cast<int64_t>(n));
      if (cp->items) st.SetItemsProcessed(st.iterations() * cp->items);
    })->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace deps
