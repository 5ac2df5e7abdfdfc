#pragma once
// A small work pool: runs fn(0) .. fn(n-1) on up to `workers` threads and returns when all are
// done. Each index runs exactly once; results go wherever fn puts them (by index, so the order
// of the output does not depend on scheduling). fn must not throw.
#include <cstddef>
#include <functional>

namespace customs {

// workers == 0: std::thread::hardware_concurrency() (at least 1).
void parallel_for(size_t n, const std::function<void(size_t)>& fn, unsigned workers = 0);

}  // namespace customs
