#include "app/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace customs {

void parallel_for(size_t n, const std::function<void(size_t)>& fn, unsigned workers) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  size_t threads = std::min<size_t>(workers, n);
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace customs
