// Matching speed: the packages of an SBOM (CycloneDX or SPDX JSON) against a vulnerability
// database, match_inventory() alone (no SBOM reading, no rendering). Run by bench/vulndb.sh:
//   customs_match_bench --db FILE --sbom FILE [google-benchmark flags]
// Google Benchmark reports wall and CPU time; on a shared machine quote CPU time.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "analyzers/packages/inventory.h"
#include "sources/sbom/sbom_reader.h"
#include "vulndb/matcher.h"

namespace {

std::string g_db;
customs::Inventory g_inventory;

customs::VulnStore* open_store(benchmark::State& state, std::unique_ptr<customs::VulnStore>& holder) {
  auto store = customs::VulnStore::open(g_db, customs::VulnStore::Mode::kReadOnly);
  if (!store) {
    state.SkipWithError(store.error().to_string().c_str());
    return nullptr;
  }
  holder = std::move(*store);
  return holder.get();
}

// One match; false (and the benchmark skipped) when it failed.
bool match_once(benchmark::State& state, customs::VulnStore& store, size_t& vulns) {
  auto result = customs::match_inventory(g_inventory, store, customs::MatchOptions{});
  if (!result) {
    state.SkipWithError(result.error().to_string().c_str());
    return false;
  }
  vulns = result->vulnerabilities.size();
  benchmark::DoNotOptimize(vulns);
  return true;
}

void report(benchmark::State& state, size_t vulns) {
  state.counters["packages"] = static_cast<double>(g_inventory.packages.size());
  state.counters["vulnerabilities"] = static_cast<double>(vulns);
}

// What a scan pays: a freshly opened database each iteration (opening it is not timed), so every
// advisory the inventory needs is read and parsed in the timed part.
void BM_MatchInventory(benchmark::State& state) {
  size_t vulns = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<customs::VulnStore> holder;
    customs::VulnStore* store = open_store(state, holder);
    state.ResumeTiming();
    if (store == nullptr || !match_once(state, *store, vulns)) return;
  }
  report(state, vulns);
}
BENCHMARK(BM_MatchInventory)->Unit(benchmark::kMillisecond);

// One database kept open across iterations (a long-running process): the store's parsed-advisory
// cache is warm after the first iteration.
void BM_MatchInventoryWarmStore(benchmark::State& state) {
  std::unique_ptr<customs::VulnStore> holder;
  customs::VulnStore* store = open_store(state, holder);
  size_t vulns = 0;
  if (store == nullptr || !match_once(state, *store, vulns)) return;  // warms the cache, untimed
  for (auto _ : state) {
    if (!match_once(state, *store, vulns)) return;
  }
  report(state, vulns);
}
BENCHMARK(BM_MatchInventoryWarmStore)->Unit(benchmark::kMillisecond);

// Takes --db and --sbom out of argv; false when one is missing or the SBOM cannot be read.
bool setup(int& argc, char** argv) {
  std::string sbom;
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      g_db = argv[++i];
    } else if (std::strcmp(argv[i], "--sbom") == 0 && i + 1 < argc) {
      sbom = argv[++i];
    } else {
      argv[out++] = argv[i];
    }
  }
  argc = out;
  std::ifstream in(sbom, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  customs::Diagnostics diags;
  auto inv = customs::read_sbom(bytes.str(), sbom, &diags);
  if (g_db.empty() || !inv) {
    std::fprintf(stderr, "usage: customs_match_bench --db FILE --sbom FILE%s%s\n", inv ? "" : ": ",
                 inv ? "" : inv.error().to_string().c_str());
    return false;
  }
  g_inventory = std::move(*inv);
  customs::finish_inventory(g_inventory, diags);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (!setup(argc, argv)) return 2;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
